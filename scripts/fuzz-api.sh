#!/usr/bin/env bash
# Property-based fuzzing of a live `trajet serve` from its own OpenAPI document, with schemathesis (PyPI).
#
#   scripts/fuzz-api.sh [MAX_EXAMPLES]        # default 100 cases per operation, fixed seed
#   scripts/fuzz-api.sh 10                    # the short run `.ci/run` does (a debug build: TRAJET=.build/debug/trajet)
#   DATABASE_URL=postgres://… scripts/fuzz-api.sh   # the same against the PostgreSQL store (an empty database)
#   SEED=7 scripts/fuzz-api.sh 400            # another seed: a long run is several seeds (each ~8 000 requests)
#   CHECKS=not_a_server_error scripts/fuzz-api.sh 400   # only the 5xx check: faster, for volume (default: all)
#
# Starts the server (TRAJET=path to the binary, default .build/release/trajet) on a scratch database with one
# organisation and a planner key, checks the spec with openapi-spec-validator, runs `st run` with every check,
# then fails if the server died, answered a 5xx or logged an unhandled error. Not part of `swift test`. One worker:
# with two, hypothesis on CPython 3.11 sometimes fails in its own AST parsing (a runtime error of the tool).
# `--continue-on-failure`: a finding does not stop an operation's fuzzing (without it a 30-minute run made 61 route
# requests). Needs: pip install schemathesis openapi-spec-validator.
set -euo pipefail
cd "$(dirname "$0")/.."
trajet=${TRAJET:-.build/release/trajet}
examples=${1:-100}
# A free port unless PORT is given: a fixed one once met a developer's server and fuzzed that instead.
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
work=$(mktemp -d)
db="$work/fuzz.sqlite"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

[ -x "$trajet" ] || { echo "no $trajet: swift build -c release first (or TRAJET=…)" >&2; exit 2; }
python3 -m openapi_spec_validator Sources/TrajetAPI/openapi.yaml

store=(--database "$db")
[ -z "${DATABASE_URL:-}" ] || store=(--database-url "$DATABASE_URL")
"$trajet" orgs add asmae --name Asmae "${store[@]}" >/dev/null
key=$("$trajet" keys create --org asmae --role planner --label fuzz "${store[@]}" 2>/dev/null)

"$trajet" serve --port "$port" "${store[@]}" --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
kill -0 "$server_pid" 2>/dev/null || { echo "fuzz: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

status=0
st run "http://127.0.0.1:$port/openapi.yaml" \
    --url "http://127.0.0.1:$port" \
    --header "Authorization: Bearer $key" \
    --checks "${CHECKS:-all}" \
    --continue-on-failure \
    --max-examples "$examples" --seed "${SEED:-20261127}" \
    --workers 1 \
    --report junit,ndjson --report-dir "$work/report" \
    --suppress-health-check all \
    || status=$?

# The verdict the issue asks for: the server is still up, no 5xx anywhere, nothing it called unhandled.
alive=yes
kill -0 "$server_pid" 2>/dev/null || alive=no
server_errors=$(grep -ho '"status_code": *5[0-9][0-9]' "$work"/report/*.ndjson 2>/dev/null | wc -l || true)
requests=$(grep -ho '"status_code": *[0-9][0-9][0-9]' "$work"/report/*.ndjson 2>/dev/null | wc -l || true)
unhandled=$(grep -c "unhandled error\|Fatal error" "$work/server.log" || true)
echo "fuzz: schemathesis exit $status; requests: $requests; server alive at the end: $alive; 5xx responses: $server_errors;" \
    "unhandled errors or crashes logged: $unhandled"
echo "reports and server log in $work"
trap - EXIT
cleanup
[ "$alive" = yes ] && [ "$server_errors" -eq 0 ] && [ "$unhandled" -eq 0 ]
