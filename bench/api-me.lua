-- wrk script for GET /api/v1/me (bench/api-me.sh). The bearer token comes from the environment (TOKEN).
local token = os.getenv("TOKEN")
if token == nil or token == "" then
  error("TOKEN is not set")
end
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

-- Every answer must be the user: a 401/429 run would measure the wrong thing. wrk counts them itself (non-2xx below);
-- a Lua response() callback would cost wrk CPU on every answer, taken from the server on the shared cores.

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("req/s: %.0f\n", summary.requests / seconds))
  io.write(string.format("latency p50: %.2f ms, p90: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, non-2xx %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
