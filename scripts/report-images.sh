#!/usr/bin/env bash
# Renders the annual-report examples of docs/images/ (issue 15) with headless Chromium: the realistic network year
# of Tests/Fixtures/realistic-year.sh (network and one organisation, French and English) and a generated year of
# 2 000 plans. Prints each PDF's page count (pdfinfo). Needs chromium and poppler-utils.
#   scripts/report-images.sh [TRAJET_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/debug/trajet}"
OUT=docs/images
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

Tests/Fixtures/realistic-year.sh "$WORK/year.sqlite" "$BIN"
"$BIN-bench" plans --plans 2000 --year 2026 --database "$WORK/bench-2000.sqlite" >/dev/null 2>&1

render() { # name database scope-args… (the language comes from $LANG_CODE)
  local name="$1" db="$2"
  shift 2
  "$BIN" report --year 2026 "$@" --lang "$LANG_CODE" --format html --database "$db" --generated-at 2026-12-03 \
    --output "$WORK/$name.html" --force 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$OUT/$name.pdf" \
    "file://$WORK/$name.html" 2>/dev/null
  echo "$name: $(pdfinfo "$OUT/$name.pdf" | awk '/^Pages:/ {print $2}') pages (A4)"
}

screenshot() { # name: the first screen of the HTML, as a board member opens it
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1600 \
    --screenshot="$OUT/$1.png" "file://$WORK/$1.html" 2>/dev/null
}

for LANG_CODE in fr en; do
  render "report-2026-network-$LANG_CODE" "$WORK/year.sqlite" --network
  screenshot "report-2026-network-$LANG_CODE"
  render "report-2026-asmae-$LANG_CODE" "$WORK/year.sqlite" --org asmae
  render "report-2026-2000-plans-$LANG_CODE" "$WORK/bench-2000.sqlite" --network
done
LANG_CODE=fr screenshot report-2026-2000-plans-fr
