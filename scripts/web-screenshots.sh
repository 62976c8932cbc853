#!/usr/bin/env bash
# The web page's screenshots in docs/images/ (French, 1280 px wide), taken with Debian's Chromium through Playwright
# on a throw-away `trajet serve` (Tests/browser/screenshots.py):
#   web-compare.png  results for Liège → Twiza (table, chart, map)    web-plan.png  a saved plan's page
#
#   scripts/web-screenshots.sh                      # with .build/debug/trajet
#   TRAJET_BIN=.build/release/trajet scripts/web-screenshots.sh
# Installs what is missing as scripts/browser-tests.sh does; builds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export TRAJET_BIN="${TRAJET_BIN:-.build/debug/trajet}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export PYTHONDONTWRITEBYTECODE=1
scripts/browser-tests.sh --install-only
[ -x "$TRAJET_BIN" ] || { echo "web-screenshots: no trajet binary at $TRAJET_BIN (TRAJET_BIN=…)" >&2; exit 2; }
python3 Tests/browser/screenshots.py docs/images
