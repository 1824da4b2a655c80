-- Shared wrk done() hook: prints one machine-readable RESULT line (same format as
-- shared/bench/keycloak/report.lua, so one parser reads both). wrk latencies are in
-- microseconds; printed here in milliseconds.
local M = {}
function M.done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f mean_ms=%.3f stdev_ms=%.3f bytes=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d non2xx=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, latency.mean / 1000, latency.stdev / 1000,
    summary.bytes, e.connect, e.read, e.write, e.timeout, e.status))
end
return M
