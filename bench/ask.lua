-- wrk script of `wenzheng load`: POST /api/v1/ask with real citizens' questions, in rotation,
-- and count the answers that are not 2xx, by status.
--
--   wrk -c64 -t2 -d30s --latency -s bench/ask.lua http://127.0.0.1:8080/api/v1/ask -- BODIES
--
-- BODIES holds one complete JSON request body per line ({"question":"…","channel":"api"}), as
-- `wenzheng load` writes it from the STARD questions: the bodies are sent as they are, so the
-- JSON escaping is done once, in Java, and not here. All requests are built in init(), before the
-- clock starts, so the script costs wrk nothing per request but the rotation.
--
-- At the end one line for `wenzheng load` to read:
--   ask.lua: responses=N non2xx=N statuses=503:2,404:1

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  if file == nil then
    error("ask.lua needs the file of request bodies: wrk ... -s ask.lua URL -- FILE")
  end
  requests = {}
  for line in io.lines(file) do
    if line ~= "" then
      requests[#requests + 1] = wrk.format("POST", wrk.path,
        { ["Content-Type"] = "application/json; charset=utf-8" }, line)
    end
  end
  if #requests == 0 then
    error("ask.lua: no request body in " .. file)
  end
  -- Threads start at different places in the rotation, so that they do not ask in lockstep.
  nextRequest = (id * 7919) % #requests + 1
  responses = 0
  non2xx = 0
  statusCounts = {}
  statusText = ""
end

function request()
  local r = requests[nextRequest]
  nextRequest = nextRequest % #requests + 1
  return r
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    statusCounts[status] = (statusCounts[status] or 0) + 1
    -- Rebuilt only on a failure (rare), so done() can read it as a string from each thread.
    local parts = {}
    for s, n in pairs(statusCounts) do
      parts[#parts + 1] = s .. ":" .. n
    end
    table.sort(parts)
    statusText = table.concat(parts, ",")
  end
end

function done(summary, latency, requests)
  local total, failed = 0, 0
  local merged = {}
  for _, t in ipairs(threads) do
    total = total + t:get("responses")
    failed = failed + t:get("non2xx")
    local text = t:get("statusText")
    for s, n in string.gmatch(text, "(%d+):(%d+)") do
      merged[s] = (merged[s] or 0) + tonumber(n)
    end
  end
  local parts = {}
  for s, n in pairs(merged) do
    parts[#parts + 1] = s .. ":" .. n
  end
  table.sort(parts)
  io.write(string.format("ask.lua: responses=%d non2xx=%d statuses=%s\n", total, failed, table.concat(parts, ",")))
end
