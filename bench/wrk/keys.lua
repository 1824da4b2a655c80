-- Helpers for the Latchkey wrk scripts: the API keys to rotate over (one per line in the file
-- named by LK_KEYS_FILE) and a per-thread starting offset so threads do not walk in step.
local M = {}

function M.load()
  local path = os.getenv("LK_KEYS_FILE")
  if not path or path == "" then error("LK_KEYS_FILE is not set") end
  local f = assert(io.open(path, "r"))
  local keys = {}
  for line in f:lines() do
    if line ~= "" then keys[#keys + 1] = line end
  end
  f:close()
  if #keys == 0 then error("no keys in " .. path) end
  return keys
end

function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- setup() runs once per wrk thread in the main Lua state; each thread gets its own index.
local next_id = 0
function M.setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

-- Returns a request() function cycling over the prepared requests, starting at a per-thread offset.
function M.cycle(reqs)
  local i = ((thread_id or 0) * 7) % #reqs
  return function()
    i = i % #reqs + 1
    return reqs[i]
  end
end

return M
