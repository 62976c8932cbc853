#!/usr/bin/env bash
# Load test of a release `trajet serve` on loopback with wrk: /healthz, POST /v1/emissions and GET /v1/routes, one
# after the other against the same server process, 32 connections each. Prints requests/s and p50/p99 latency per
# endpoint as a Markdown table (for docs/performance.md). Not a timed test and not part of `swift test`.
#
#   scripts/load-api.sh [DURATION]      # default 20s per endpoint; TRAJET=binary (default .build/release/trajet)
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

run() {  # name, wrk arguments…
    local name=$1; shift
    local out="$work/$(echo "$name" | tr ' /' '__').txt"
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" >"$out"
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errors=$(awk '/Non-2xx or 3xx responses/ {print "non-2xx: " $5} /Socket errors/ {print $0}' "$out" | tr '\n' ' ')
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${errors:-none}"
}

echo "wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), $threads threads, $connections connections, $duration each, $(nproc) cores"
echo
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---|"
run "GET /healthz" "$base/healthz"
run "POST /v1/emissions" -s scripts/wrk/emissions.lua "$base/v1/emissions"
run "GET /v1/routes" "$routes"
echo
echo "raw wrk output in $work"
