#!/usr/bin/env bash
# Browser tests of the coordinators' web page (Tests/browser): Playwright for Python driving Debian's Chromium against
# a throw-away `trajet serve` with two organisations (Tests/browser/trajet_server.py), axe-core for accessibility.
# Installs what is missing, quietly and only once (Chromium from apt when root, playwright, pytest and
# axe-playwright-python, which bundles axe.min.js, from PyPI; axe-core from npm only if PyPI fails); builds nothing.
#
#   scripts/browser-tests.sh                       # with .build/debug/trajet
#   TRAJET_BIN=.build/release/trajet scripts/browser-tests.sh -k plan -x   # other arguments go to pytest
#   scripts/browser-tests.sh --install-only        # what scripts/web-screenshots.sh uses
#
# Environment: TRAJET_BIN (default .build/debug/trajet), CHROMIUM (default /usr/bin/chromium), AXE_JS (an axe.min.js).
# Exits non-zero when a test fails (or nothing could be installed).
set -euo pipefail
cd "$(dirname "$0")/.."
export TRAJET_BIN="${TRAJET_BIN:-.build/debug/trajet}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export PYTHONDONTWRITEBYTECODE=1
install_only=no
if [ "${1:-}" = "--install-only" ]; then install_only=yes; shift; fi

root=no
[ "$(id -u)" -eq 0 ] && root=yes
apt_updated=no
apt_install() {
    if [ "$root" != yes ]; then
        echo "browser-tests: missing $*; install it (sudo apt-get install $*) or run as root" >&2
        exit 2
    fi
    if [ "$apt_updated" = no ]; then apt-get update -qq >/dev/null; apt_updated=yes; fi
    echo "browser-tests: installing $* (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Debian's Chromium: Playwright's own browser download is not reachable, and not needed.
[ -x "$CHROMIUM" ] || apt_install chromium
command -v python3 >/dev/null || apt_install python3
python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip

pip_install() { # PEP 668 (Debian's python3): retry with --break-system-packages, as .ci/run does for schemathesis.
    echo "browser-tests: installing $* (pip)"
    local quiet=(--quiet --disable-pip-version-check --root-user-action=ignore)
    python3 -m pip install "${quiet[@]}" "$@" 2>/dev/null \
        || python3 -m pip install "${quiet[@]}" --break-system-packages "$@"
}
python3 -c 'import playwright.sync_api, pytest' 2>/dev/null || pip_install playwright pytest

# axe-core: an explicit AXE_JS, else Tests/browser/node_modules (npm, not committed), else the PyPI package's copy.
if [ -z "${AXE_JS:-}" ] && [ ! -f Tests/browser/node_modules/axe-core/axe.min.js ] \
    && ! python3 -c 'import axe_playwright_python' 2>/dev/null; then
    pip_install axe-playwright-python \
        || { command -v npm >/dev/null \
             && timeout 120 npm install --silent --no-audit --no-fund --prefix Tests/browser axe-core; } \
        || echo "browser-tests: no axe-core (pip and npm failed): the accessibility tests will fail" >&2
fi

[ "$install_only" = yes ] && exit 0

if [ ! -x "$TRAJET_BIN" ]; then
    echo "browser-tests: no trajet binary at $TRAJET_BIN (swift build --product trajet first, or TRAJET_BIN=…)" >&2
    exit 2
fi
started=$(date +%s)
status=0
python3 -m pytest Tests/browser "$@" || status=$?
echo "browser-tests: $(( $(date +%s) - started )) s with $TRAJET_BIN and $("$CHROMIUM" --version 2>/dev/null | head -1)"
exit "$status"
