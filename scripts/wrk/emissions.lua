-- POST /v1/emissions: Brussels → Dakar by air for a group of 14 + 2.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"from":"BRU","to":"DSS","mode":"flight","participants":14,"leaders":2}'
