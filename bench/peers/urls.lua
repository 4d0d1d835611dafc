-- wrk script for bench/run: requests the paths listed in the file $WRK_URLS (one per line) in turn, each
-- thread its own share (thread k of n takes lines k, k+n, k+2n, ...), so no path is asked twice unless the
-- run outlasts the list; with $WRK_ACCEPT set, each request carries it as its Accept header. With $WRK_COUNT=1
-- it also counts responses by status (2xx, 503, other) and by X-Cache (miss or a hit): wrk then parses every
-- header, so it is off for the hit path. At the end prints one JSON line with the figures bench/run keeps.

local paths = {}

local function load_paths()
  local list = {}
  for line in io.lines(os.getenv("WRK_URLS")) do
    if line ~= "" then list[#list + 1] = line end
  end
  return list
end

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  paths = load_paths()
  local accept = os.getenv("WRK_ACCEPT")
  headers = (accept and accept ~= "") and { ["Accept"] = accept } or nil
  step = tonumber(os.getenv("WRK_THREADS"))
  next_index = index
end

function request()
  local path = paths[(next_index % #paths) + 1]
  next_index = next_index + step
  return wrk.format("GET", path, headers)
end

ok, refused, misses, hits = 0, 0, 0, 0

if os.getenv("WRK_COUNT") == "1" then
  function response(status, headers, body)
    if status >= 200 and status < 300 then
      ok = ok + 1
      local cache = headers["X-Cache"] or headers["x-cache"]
      if cache == "miss" then misses = misses + 1 elseif cache then hits = hits + 1 end
    elseif status == 503 then
      refused = refused + 1
    end
  end
end

local function counted(name)
  local sum = 0
  for _, t in ipairs(threads) do sum = sum + (t:get(name) or 0) end
  return sum
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local counts = ""
  if os.getenv("WRK_COUNT") == "1" then
    counts = string.format(', "ok": %d, "served_rps": %.2f, "status_503": %d, "cache_miss": %d, "cache_hit": %d',
      counted("ok"), counted("ok") / seconds, counted("refused"), counted("misses"), counted("hits"))
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"non2xx": %d, "socket_errors": %d, "timeouts": %d, "distinct_paths": %d%s}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write, e.timeout, #load_paths(), counts))
end
