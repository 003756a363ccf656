-- wrk script of the payments benchmark (see tests/bench/payments/run):
-- simulated supporters posting activity reports from their phones.
--
-- Environment:
--   BENCH_SUPPORTERS  file of "token assignment_id" lines, one per supporter
--   BENCH_DATES       comma-separated dates the reports may carry
--   BENCH_RUN         a name unique to this wrk run (part of every key)
--
-- Each request is the next supporter's report (round robin over the file,
-- each wrk thread starting elsewhere), with its own bearer token and a fresh
-- Idempotency-Key, as a phone sends it.  Every response outside 2xx is
-- counted, and done() prints the RESULT line the run script parses.

local supporters_file = os.getenv("BENCH_SUPPORTERS")
local dates_text = os.getenv("BENCH_DATES") or ""
local run_id = os.getenv("BENCH_RUN") or tostring(os.time())

local threads = {}
local kinds = { "home_visit", "accompany", "phone", "space", "family_support", "online" }

local function load_supporters()
   local list = {}
   for line in io.lines(supporters_file) do
      local token, assignment = string.match(line, "^(%S+)%s+(%d+)$")
      if token ~= nil then
         table.insert(list, { token = token, assignment = assignment })
      end
   end
   return list
end

local function split_dates()
   local list = {}
   for d in string.gmatch(dates_text, "[^,]+") do
      table.insert(list, d)
   end
   return list
end

local next_thread_id = 0

function setup(thread)
   thread:set("thread_id", next_thread_id)
   next_thread_id = next_thread_id + 1
   table.insert(threads, thread)
end

function init(args)
   non2xx = 0
   first_bad = ""
   supporters = load_supporters()
   dates = split_dates()
   counter = thread_id * 7919
end

function request()
   counter = counter + 1
   local s = supporters[(counter % #supporters) + 1]
   local body = string.format(
      '{"assignment_id":%s,"date":"%s","start":"%02d:%02d","minutes":%d,"kind":"%s",' ..
      '"transport_yen":%d,"note":"訪問して話を聞いた %d"}',
      s.assignment, dates[(counter % #dates) + 1], 9 + counter % 10, (counter % 4) * 15,
      30 + (counter % 8) * 15, kinds[(counter % #kinds) + 1], (counter % 5) * 320, counter)
   local headers = {
      ["Authorization"] = "Bearer " .. s.token,
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run_id, thread_id, counter),
   }
   return wrk.format("POST", "/v1/activities", headers, body)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_bad == "" then
         first_bad = tostring(status) .. " " .. string.sub(body or "", 1, 300)
      end
   end
end

function done(summary, latency, requests)
   local bad = 0
   local sample = ""
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("non2xx")
      if sample == "" then
         sample = thread:get("first_bad")
      end
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d " ..
      "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50), latency:percentile(99),
      bad, e.connect, e.read, e.write, e.timeout))
   if sample ~= "" then
      io.write("FIRST_BAD " .. string.gsub(sample, "\n", " ") .. "\n")
   end
end
