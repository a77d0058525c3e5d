#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
# The browser tests drive Debian's chromium; Playwright cannot download its own browser here.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# npm fetches axe-core, the accessibility checker the browser tests inject into each page.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,notebook]"
# axe-core at the version pinned in tests/browser/axe/package-lock.json, installed only when another one (or none) is.
AXE=tests/browser/axe
pinned=$(node -p "require('./$AXE/package-lock.json').packages['node_modules/axe-core'].version")
installed=$(node -p "require('./$AXE/node_modules/axe-core/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$pinned" ]; then
    npm ci --prefix "$AXE" --ignore-scripts --no-audit --no-fund --loglevel=error
fi
python3 -m pytest "$@"
