-- PATCH /v1/plans/{id}: a new note on a random plan of PLAN_IDS (no If-Match, so each write applies and bumps the
-- version; one transaction each, row-locked on PostgreSQL, one writer at a time on SQLite).
local ids = {}
for line in io.lines(os.getenv("PLAN_IDS")) do ids[#ids + 1] = line end
local key = os.getenv("KEY")
local counter = 0
math.randomseed(os.time())

request = function()
    counter = counter + 1
    local id = ids[math.random(#ids)]
    local body = '{"notes":"load ' .. counter .. '"}'
    return wrk.format("PATCH", "/v1/plans/" .. id, {
        ["Authorization"] = "Bearer " .. key,
        ["Content-Type"] = "application/json",
    }, body)
end
