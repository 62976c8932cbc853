#!/usr/bin/env bash
# Plan reads and writes over HTTP, with wrk as in scripts/load-api.sh: one `trajet serve` on SQLite, then the same
# plans in PostgreSQL served by one instance, then by two instances behind nginx (config/nginx-trajet.conf). Prints
# requests/s and p50/p99 per case as a Markdown table (for docs/performance.md). Not part of `swift test`.
#
#   scripts/load-plans.sh [DURATION]    # default 15s per case; PLANS=2000 generated plans; TRAJET=binary
#
# Reads: GET /v1/plans/{id} of a random plan. Writes: PATCH /v1/plans/{id} with a new note (one transaction each).
# PostgreSQL runs durable (fsync on, synchronous_commit on) in a throw-away cluster; SQLite runs as Trajet opens it
# (WAL, synchronous=NORMAL). wrk, nginx, the servers and PostgreSQL share the machine: compare cases of one run.
# Needs wrk, nginx and PostgreSQL's server programs (apt-get install wrk nginx postgresql); uses ports 8080-8082
# (the nginx config's), 8181 and 54331.
set -euo pipefail
cd "$(dirname "$0")/.."
trajet=${TRAJET:-.build/release/trajet}
duration=${1:-15s}
plans=${PLANS:-2000}
connections=32
threads=${THREADS:-2}
pg_port=${PG_PORT:-54331}
work=$(mktemp -d)
# Not inside $work: PostgreSQL runs as the postgres user, who cannot enter a private temp directory.
pg_dir=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    [ ! -f "$work/nginx/nginx.pid" ] || nginx -p "$work/nginx" -c "$PWD/config/nginx-trajet.conf" -s quit 2>/dev/null || true
    scripts/pg-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT
[ -x "$trajet" ] || { echo "no $trajet: swift build -c release --product trajet first" >&2; exit 2; }
for port in 8080 8081 8082 8181; do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use" >&2; exit 2; fi
done

wait_ready() { for _ in $(seq 100); do curl -sf "$1/readyz" >/dev/null && return 0; sleep 0.1; done; echo "$1 not ready" >&2; exit 2; }
serve() {  # port, store options…
    local port=$1; shift
    "$trajet" serve --port "$port" --log-level warning "$@" >"$work/serve-$port.log" 2>&1 &
    pids+=($!)
    wait_ready "http://127.0.0.1:$port"
}
stop_servers() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    pids=()
}

run() {  # name, base URL, lua script
    local name=$1 base=$2 script=$3
    local out="$work/$(echo "$name" | tr ' /,' '___').txt"
    # One request first: a failing endpoint must not be measured as a fast one.
    local id
    id=$(head -1 "$PLAN_IDS")
    curl -sf -H "Authorization: Bearer $KEY" "$base/v1/plans/$id" >/dev/null
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$script" "$base" >"$out"
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errors=$(awk '/Non-2xx or 3xx responses/ {print "non-2xx: " $5} /Socket errors/ {print $0}' "$out" | tr '\n' ' ')
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${errors:-none}"
}

# The same plans for every case: generated into SQLite, then copied into PostgreSQL with `trajet db copy`.
"$trajet-bench" plans --plans "$plans" --year 2026 --database "$work/load.sqlite" >/dev/null
KEY=$("$trajet" keys create --network --role admin --label load --database "$work/load.sqlite" | grep -o 'trj_[0-9a-f]\{64\}' | head -1)
"$trajet" plans list --format csv --database "$work/load.sqlite" | tail -n +2 | cut -d, -f1 >"$work/ids.txt"
export KEY PLAN_IDS="$work/ids.txt"
url=$(PG_DURABLE=1 scripts/pg-test-cluster.sh start "$pg_dir" "$pg_port")
"$trajet" db copy --from "sqlite:$work/load.sqlite" --to "$url" >/dev/null

echo "wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), $threads threads, $connections connections, $duration each, $(nproc) cores, $(wc -l <"$PLAN_IDS") plans"
echo
echo "| case | requests/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---|"
serve 8181 --database "$work/load.sqlite"
run "read, 1 instance, SQLite" "http://127.0.0.1:8181" scripts/wrk/plan-read.lua
run "write, 1 instance, SQLite" "http://127.0.0.1:8181" scripts/wrk/plan-write.lua
stop_servers

serve 8081 --database-url "$url"
run "read, 1 instance, PostgreSQL" "http://127.0.0.1:8081" scripts/wrk/plan-read.lua
run "write, 1 instance, PostgreSQL" "http://127.0.0.1:8081" scripts/wrk/plan-write.lua
serve 8082 --database-url "$url"
mkdir -p "$work/nginx"
nginx -p "$work/nginx" -c "$PWD/config/nginx-trajet.conf"
wait_ready "http://127.0.0.1:8080"
run "read, 2 instances + nginx, PostgreSQL" "http://127.0.0.1:8080" scripts/wrk/plan-read.lua
run "write, 2 instances + nginx, PostgreSQL" "http://127.0.0.1:8080" scripts/wrk/plan-write.lua
echo
# Consistency after the writes: the store must still be sound.
"$trajet" db check --database-url "$url" >/dev/null && echo "db check after the run: ok"
echo "raw wrk output in $work"
