#!/usr/bin/env bash
# Load test of a release `trajet serve` on loopback with wrk, one endpoint after the other against the same server
# process, 32 connections each:
#   - GET /healthz;
#   - POST /v1/emissions (Brussels → Dakar by air, 14 + 2);
#   - GET /v1/routes, the same query every time (Liège → Twiza, 14 + 2 with minors, 2026-07-04): after the first
#     request every answer comes from the server's route-answer cache (`server.routeCache`);
#   - GET /v1/routes, a different query every time (scripts/wrk/routes-uncached.lua: origins, partners, group sizes,
#     minors, rankings and dates rotate), so every request misses the cache and searches.
# Prints requests/s and p50/p99 latency per endpoint as a Markdown table (for docs/performance.md), and each routes
# line against the issue's target (≥ 50 % of /healthz's requests/s, p99 ≤ 20 ms). Not a timed test and not part of
# `swift test`.
#
#   scripts/load-api.sh [DURATION]      # default 20s per endpoint; TRAJET=binary (default .build/release/trajet)
#   TRAJET_SERVER_ROUTE_CACHE=0 scripts/load-api.sh   # no route cache at all: the repeated query searches too
#
# wrk and the server share the machine (2 cores here): the numbers are a floor, and comparable between endpoints
# of the same run, not between machines. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
trajet=${TRAJET:-.build/release/trajet}
duration=${1:-20s}
port=${PORT:-8098}
connections=32
threads=${THREADS:-2}
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
[ -x "$trajet" ] || { echo "no $trajet: swift build -c release --product trajet first" >&2; exit 2; }

# Logs at warning: an info line per request would measure the terminal, not the server.
"$trajet" serve --port "$port" --database "$work/load.sqlite" --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

base="http://127.0.0.1:$port"
routes="$base/v1/routes?from=liege&to=twiza&participants=14&leaders=2&minors=true&depart=2026-07-04"
# One request each first: a failing endpoint must not be measured as a fast one.
curl -sf "$base/healthz" >/dev/null
curl -sf -X POST -H 'Content-Type: application/json' \
    -d '{"from":"BRU","to":"DSS","mode":"flight","participants":14,"leaders":2}' "$base/v1/emissions" >/dev/null
curl -sf "$routes" >/dev/null
curl -sf "$base/v1/routes?from=anvers&to=lekaa&participants=30&leaders=3&minors=true&rank=time&depart=2026-12-31" \
    >/dev/null

healthz_rps=""
run() {  # name, wrk arguments…
    local name=$1; shift
    local out="$work/$(echo "$name" | tr ' /()' '____').txt"
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" >"$out"
    local rps p50 p99 errors target=""
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errors=$(awk '/Non-2xx or 3xx responses/ {print "non-2xx: " $5} /Socket errors/ {print $0}' "$out" | tr '\n' ' ')
    if [ -z "$healthz_rps" ]; then
        healthz_rps=$rps
    elif [[ $name == GET\ /v1/routes* ]]; then
        # wrk prints latencies as 850.00us, 8.62ms or 1.20s.
        target=$(awk -v rps="$rps" -v h="$healthz_rps" -v p99="$p99" 'BEGIN {
            ms = p99 + 0
            if (p99 ~ /us$/) ms /= 1000; else if (p99 !~ /ms$/) ms *= 1000
            share = 100 * rps / h
            printf "%.0f %% of /healthz, p99 %.1f ms: %s", share, ms, (share >= 50 && ms <= 20) ? "met" : "not met"
        }')
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${errors:-none}" "$target"
}

echo "$(date -u +%Y-%m-%dT%H:%MZ), $trajet built $(date -u -r "$trajet" +%Y-%m-%dT%H:%MZ) (source tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' with changes')), route cache ${TRAJET_SERVER_ROUTE_CACHE:-as configured}"
echo "wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), $threads threads, $connections connections, $duration each, $(nproc) cores;$(uptime | sed 's/.*,  *load/ load/')"
echo
echo "| endpoint | requests/s | p50 | p99 | errors | target |"
echo "|---|---:|---:|---:|---|---|"
run "GET /healthz" "$base/healthz"
run "POST /v1/emissions" -s scripts/wrk/emissions.lua "$base/v1/emissions"
if [ "${TRAJET_SERVER_ROUTE_CACHE:-}" = 0 ]; then
    run "GET /v1/routes (same query, no cache)" "$routes"
else
    run "GET /v1/routes (same query: cache hits)" "$routes"
fi
run "GET /v1/routes (new query each time: cache misses)" -s scripts/wrk/routes-uncached.lua "$base"
echo
echo "raw wrk output in $work"
