-- wrk script for bench/scale.sh: each request presents a key drawn uniformly at random from LK_KEYS_FILE (up to
-- millions of keys, one per line, all of one length, as dev.latchkey.bench.ScaleLoad writes them).
--   LK_MODE=token    POST /identity/token, API-key grant
--   LK_MODE=details  GET /v1/apikeys/details with one bearer token (LK_TOKEN) and the key in IAM-ApiKey
-- The file is read once per thread as one string and a key is cut out of it by offset, so a million keys cost
-- one 53 MB string per thread instead of a million Lua strings; every request is the same prepared text around
-- the key (form bodies have one length, so Content-Length is fixed), so wrk spends little CPU per request.
package.path = (os.getenv("LK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local report = require("report")

local mode = os.getenv("LK_MODE") or "token"
local data, width, count
local head, tail

local next_id = 0
function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

function init(args)
  local path = os.getenv("LK_KEYS_FILE")
  if not path or path == "" then error("LK_KEYS_FILE is not set") end
  local f = assert(io.open(path, "rb"))
  data = f:read("*a")
  f:close()
  local first = data:find("\n", 1, true)
  if not first then error("no keys in " .. path) end
  width = first                       -- key length plus its newline
  if #data % width ~= 0 then error(path .. ": keys of different lengths") end
  count = math.floor(#data / width)
  if data:sub(1, width - 1):find("[^%w_]") then error(path .. ": a key holds a character that would need URL-encoding") end
  math.randomseed(os.time() + 7919 * (thread_id or 0))
  local host = wrk.headers["Host"]
  if mode == "token" then
    local prefix = "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey="
    head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. host .. "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      .. "Accept: application/json\r\nContent-Length: " .. (#prefix + width - 1) .. "\r\n\r\n" .. prefix
    tail = ""
  elseif mode == "details" then
    local token = os.getenv("LK_TOKEN")
    if not token or token == "" then error("LK_TOKEN is not set") end
    head = "GET " .. wrk.path .. " HTTP/1.1\r\nHost: " .. host .. "\r\nAuthorization: Bearer " .. token
      .. "\r\nAccept: application/json\r\nIAM-ApiKey: "
    tail = "\r\n\r\n"
  else
    error("LK_MODE must be token or details, not " .. mode)
  end
end

function request()
  local start = (math.random(count) - 1) * width + 1
  return head .. data:sub(start, start + width - 2) .. tail
end

done = report.done
