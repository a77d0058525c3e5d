#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    # The browser tests drive Debian's chromium; Playwright cannot download its own browser here.
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,notebook]"
python3 -m pytest "$@"
