-- wrk script: plain GET of the URL given to wrk (the bare JSON ceiling).
package.path = (os.getenv("LK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local report = require("report")
done = report.done
