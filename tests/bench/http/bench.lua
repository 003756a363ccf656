-- wrk script of the HTTP benchmark (see tests/bench/http/run).
--
-- Environment:
--   BENCH_METHOD  GET or POST (default GET)
--   BENCH_PATH    request path
--   BENCH_TOKEN   bearer token, sent as Authorization when set
--
-- Every response outside 2xx is counted (wrk's own error summary only
-- counts statuses above 399), and done() prints one RESULT line that the
-- run script parses.

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/ping"
local token = os.getenv("BENCH_TOKEN")

local threads = {}

wrk.method = method
wrk.path = path
if token ~= nil and token ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. token
end

-- Real municipality codes of Tochigi (check digits valid), so that the
-- service accepts every body.
local municipalities = {
   "092011", "092029", "092037", "092045",
   "092053", "092061", "092088", "092096",
}
local skills = { "home_visit", "accompany", "phone", "space", "family_support", "online" }
local interests = { "music", "games", "reading", "cooking", "walking", "drawing" }
local genders = { "female", "male", "other", "unspecified" }
local peer = { "none", "self", "family" }

local function pick(list, n)
   return list[(n % #list) + 1]
end

-- A few dozen distinct bodies per thread, built once: the request varies a
-- little from one POST to the next at no cost to the load generator.
local function make_body(n)
   return string.format(
      '{"name":"試験 太郎 %d","gender":"%s","municipality_code":"%s",' ..
      '"peer_experience":"%s","skills":["%s"],"interests":["%s"],' ..
      '"availability":[{"weekday":%d,"from":"10:00","to":"12:00"}],' ..
      '"max_cases":%d}',
      n, pick(genders, n), pick(municipalities, n), pick(peer, n),
      pick(skills, n), pick(interests, n), (n % 7) + 1, (n % 3) + 1)
end

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   non2xx = 0
   first_bad = ""
   if method == "POST" then
      wrk.headers["Content-Type"] = "application/json"
      prepared = {}
      for n = 1, 64 do
         prepared[n] = wrk.format(nil, nil, nil, make_body(n))
      end
      counter = 0
   end
end

if method == "POST" then
   function request()
      counter = counter + 1
      return prepared[(counter % #prepared) + 1]
   end
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
