#!/usr/bin/env bash
# Annual-report benchmark (issue 6): a generated store of 100 000 plans → `trajet report` in each format.
# Release build; the store is generated once (about a minute) and reused. Needs hyperfine and GNU time.
#   Benchmarks/report.sh            # 100 000 plans, year 2026, whole network
#   PLANS=10000 Benchmarks/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PLANS="${PLANS:-100000}"
DB="data/bench-${PLANS}.sqlite"
swift build -c release >/dev/null
BIN=.build/release/trajet
if [ ! -f "$DB" ]; then
  "$BIN-bench" plans --plans "$PLANS" --year 2026 --database "$DB" 2>/dev/null
fi
for format in html md json; do
  hyperfine -N --warmup 1 --runs 7 \
    "$BIN report --year 2026 --network --format $format --database $DB --output /tmp/trajet-bench-report.$format --force"
  /usr/bin/time -f "$format: peak RSS %M KB, %e s wall" \
    "$BIN" report --year 2026 --network --format "$format" --database "$DB" --output "/tmp/trajet-bench-report.$format" --force
  TRAJET_TRACE=1 "$BIN" report --year 2026 --network --format "$format" --database "$DB" \
    --output "/tmp/trajet-bench-report.$format" --force
done
/usr/bin/time -f "csv (one row per leg): peak RSS %M KB, %e s wall" \
  "$BIN" report --year 2026 --network --format csv --database "$DB" --output /tmp/trajet-bench-report.csv --force
ls -l /tmp/trajet-bench-report.*
