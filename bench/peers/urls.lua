-- wrk script for bench/run: requests the paths listed in the file $WRK_URLS (one per line) in turn, each
-- thread its own share (thread k of n takes lines k, k+n, k+2n, ...), so no path is asked twice unless the
-- run outlasts the list; with $WRK_ACCEPT set, each request carries it as its Accept header. At the end
-- prints one JSON line with the figures bench/run keeps.

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

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"non2xx": %d, "socket_errors": %d, "timeouts": %d, "distinct_paths": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write, e.timeout, #load_paths()))
end
