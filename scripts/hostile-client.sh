#!/usr/bin/env bash
# Hostile clients against a live `trajet serve` on 127.0.0.1 (issue 18), the measures of docs/performance.md:
#   1. a crowd of connections each asking uncached route searches, while /healthz and /readyz are probed from new
#      connections every 100 ms (target: /healthz p99 <= 100 ms, no probe failing);
#   2. slow clients that never finish their header block, in two processes (one process may not hold 20 000
#      sockets), while probing (target: probes keep being answered, server memory < 512 MB).
# Loopback only, bounded in connections and seconds; the server is started here and stopped on exit.
#
#   scripts/hostile-client.sh                     # by hand: 1000 searching connections 30 s, 20 000 slow ones 30 s
#   scripts/hostile-client.sh --short             # what .ci/run does: 100 and 1000 connections, 5 s each
#   CROWD=1000 SLOW=20000 SECONDS=60 scripts/hostile-client.sh
#   TRAJET=.build/debug/trajet scripts/hostile-client.sh --short   # default .build/release/trajet
#
# Prints one JSON line per run. Fails if the server died, answered a 5xx other than 503 (overload), logged an
# unhandled error, or (full run) missed a target. The machine is shared: the client and server compete for the
# same cores, so latency figures are a ceiling for the server alone.
set -euo pipefail
cd "$(dirname "$0")/.."
trajet=${TRAJET:-.build/release/trajet}
short=no
[ "${1:-}" = "--short" ] && short=yes
if [ "$short" = yes ]; then crowd=${CROWD:-100}; slow=${SLOW:-1000}; seconds=${SECONDS_PER_RUN:-5}
else crowd=${CROWD:-1000}; slow=${SLOW:-20000}; seconds=${SECONDS_PER_RUN:-30}; fi
# A free port unless PORT is given: a fixed one once met a developer's server and fuzzed that instead.
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
[ -x "$trajet" ] || { echo "no $trajet: swift build -c release --product trajet first (or TRAJET=…)" >&2; exit 2; }

# The shipped configuration's limits, the route cache off (every search is a miss, as the issue measures).
TRAJET_SERVER_ROUTE_CACHE=0 "$trajet" serve --port "$port" --database "$work/hostile.sqlite" --log-level warning \
    >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
kill -0 "$server_pid" 2>/dev/null || { echo "hostile-client: the server did not start" >&2; exit 1; }

failed=0
crowd_json=$(python3 scripts/hostile-client.py crowd "$port" "$crowd" "$seconds" "$server_pid")
echo "$crowd_json"
half=$((slow / 2))
slow_a=$(mktemp); slow_b=$(mktemp)
python3 scripts/hostile-client.py slow "$port" "$half" "$seconds" "$server_pid" >"$slow_a" &
slow_pid=$!
python3 scripts/hostile-client.py slow "$port" "$((slow - half))" "$seconds" >"$slow_b"
wait "$slow_pid"
cat "$slow_a" "$slow_b"

alive=yes
kill -0 "$server_pid" 2>/dev/null || alive=no
unhandled=$(grep -c "unhandled error\|Fatal error" "$work/server.log" || true)
verdict=$(python3 - "$crowd_json" "$(cat "$slow_a")" "$(cat "$slow_b")" "$short" <<'PY'
import json, sys
crowd, slow_a, slow_b = (json.loads(t) for t in sys.argv[1:4])
short = sys.argv[4] == "yes"
problems = []
bad = {k: v for k, v in crowd["crowd_status"].items() if k.startswith("5") and k != "503"}
if bad: problems.append(f"crowd got {bad}")
for run in (crowd, slow_a, slow_b):
    if run["healthz"]["answered"] == 0: problems.append(f"{run['mode']}: /healthz never answered")
if not short:
    if crowd["healthz"]["failed_or_over_2s"] or (crowd["healthz"]["p99_ms"] or 1e9) > 100:
        problems.append(f"crowd: /healthz p99 {crowd['healthz']['p99_ms']} ms, {crowd['healthz']['failed_or_over_2s']} failed")
    if (slow_a["server_peak_rss_mb"] or 0) >= 512: problems.append(f"slow: server memory {slow_a['server_peak_rss_mb']} MB")
print("; ".join(problems) or "ok")
PY
)
echo "hostile: server alive: $alive; unhandled errors logged: $unhandled; verdict: $verdict (server log: $work/server.log)"
trap - EXIT
cleanup
[ "$alive" = yes ] && [ "$unhandled" -eq 0 ] && [ "$verdict" = ok ]
