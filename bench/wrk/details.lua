-- wrk script: key verification, GET /v1/apikeys/details with one bearer token (LK_TOKEN) and the
-- IAM-ApiKey header rotating over the keys in LK_KEYS_FILE.
package.path = (os.getenv("LK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local report = require("report")
local keys = require("keys")

local values = keys.load()
local token = os.getenv("LK_TOKEN")
if not token or token == "" then error("LK_TOKEN is not set") end
local reqs = {}
local next_request

setup = keys.setup

function init(args)
  for i, k in ipairs(values) do
    reqs[i] = wrk.format("GET", nil,
      { ["Host"] = wrk.headers["Host"], ["Authorization"] = "Bearer " .. token, ["IAM-ApiKey"] = k,
        ["Accept"] = "application/json" })
  end
  next_request = keys.cycle(reqs)
end

function request()
  return next_request()
end

done = report.done
