-- GET /v1/routes with a different query on every request, so the server's route-answer cache (FIFO, 1 024 answers
-- by default) never holds the answer: each request pays the whole search and encoding. Every query is valid and
-- answers 200 (Charleroi is left out: the shipped network has no way from it to the partners).
--
-- Request n of a thread is the n-th combination, in mixed radix, of origin, partner, group (participants 1–30,
-- leaders 0–3, minors or not), ranking and departure date (365 days from 2026-01-01). The threads start far apart,
-- so the 1.7 million combinations do not repeat within a run of a few minutes.
local origins = { "liege", "bruxelles", "namur", "anvers" }
local partners = { "twiza", "aje", "lekaa", "alafia-jeunes" }
local ranks = { "balanced", "co2", "time" }
local days_in_month = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function date(day_of_year)  -- 0-based day of 2026 → YYYY-MM-DD
    local month = 1
    while day_of_year >= days_in_month[month] do
        day_of_year = day_of_year - days_in_month[month]
        month = month + 1
    end
    return string.format("2026-%02d-%02d", month, day_of_year + 1)
end

local threads = {}
local thread_count = 0
function setup(thread)
    thread:set("first", thread_count * 1000003)
    thread_count = thread_count + 1
    table.insert(threads, thread)
end

function init(args)
    n = tonumber(first) or 0
end

function request()
    local i = n
    n = n + 1
    local function pick(count)
        local value = i % count
        i = math.floor(i / count)
        return value
    end
    local origin = origins[pick(#origins) + 1]
    local partner = partners[pick(#partners) + 1]
    local participants = pick(30) + 1
    local leaders = pick(4)
    local minors = pick(2) == 1 and "true" or "false"
    local rank = ranks[pick(#ranks) + 1]
    local depart = date(pick(365))
    local path = string.format(
        "/v1/routes?from=%s&to=%s&participants=%d&leaders=%d&minors=%s&rank=%s&depart=%s",
        origin, partner, participants, leaders, minors, rank, depart)
    return wrk.format("GET", path)
end
