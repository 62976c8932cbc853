-- GET /v1/plans/{id}: one of the plans listed in the file named by PLAN_IDS, chosen at random per request.
-- KEY: the API key (a network admin key reads every organisation's plans).
local ids = {}
for line in io.lines(os.getenv("PLAN_IDS")) do ids[#ids + 1] = line end
local key = os.getenv("KEY")
math.randomseed(os.time())

request = function()
    local id = ids[math.random(#ids)]
    return wrk.format("GET", "/v1/plans/" .. id, { ["Authorization"] = "Bearer " .. key })
end
