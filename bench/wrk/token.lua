-- wrk script: IBM API-key grant, POST /identity/token, rotating over the keys in LK_KEYS_FILE.
-- Every request is prepared once in init(); request() only picks the next one.
package.path = (os.getenv("LK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local report = require("report")
local keys = require("keys")

local values = keys.load()
local reqs = {}
local next_request

setup = keys.setup

function init(args)
  for i, k in ipairs(values) do
    reqs[i] = wrk.format("POST", nil,
      { ["Host"] = wrk.headers["Host"], ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Accept"] = "application/json" },
      "grant_type=" .. keys.urlencode("urn:ibm:params:oauth:grant-type:apikey") .. "&apikey=" .. keys.urlencode(k))
  end
  next_request = keys.cycle(reqs)
end

function request()
  return next_request()
end

done = report.done
