-- wrk script for bench/tasks.sh: one authenticated GET, by session cookie (pages) or bearer token (API).
-- COOKIE="portal_session=…" or TOKEN="eyJ…" come from the environment.
local cookie = os.getenv("COOKIE")
local token = os.getenv("TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
elseif cookie ~= nil and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
  wrk.headers["Accept"] = "text/html"
else
  error("set COOKIE or TOKEN")
end
wrk.method = "GET"
-- A browser asks for compression; the portal compresses HTML (and the figures should include that cost).
wrk.headers["Accept-Encoding"] = "br, gzip"

-- Anything but 200 (a 302 to /login, a 404 of a page not in this build, a 429) would measure the wrong thing; wrk
-- itself counts 3xx as success, so count here. Each wrk thread has its own Lua state: collect in done().
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  last_bad = 0
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    last_bad = status
  end
end

function done(summary, latency, requests)
  local not_ok, status = 0, 0
  for _, t in ipairs(threads) do
    not_ok = not_ok + (t:get("bad") or 0)
    if (t:get("last_bad") or 0) ~= 0 then status = t:get("last_bad") end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("req/s: %.0f\n", summary.requests / seconds))
  io.write(string.format("latency p50: %.2f ms, p90: %.2f ms, p95: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, non-200 %d (last status %d)\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, not_ok, status))
end
