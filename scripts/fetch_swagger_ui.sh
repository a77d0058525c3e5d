#!/usr/bin/env bash
# Vendor Swagger UI (the page at /docs) from the npm registry, pinned, with its licence, so /docs works offline and
# under the app's strict Content-Security-Policy. Run from anywhere; rewrites src/foggyhill/web/apidocs/vendor/.
set -euo pipefail
VERSION=5.35.0
cd "$(dirname "$0")/.."
target=src/foggyhill/web/apidocs/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "swagger-ui-dist@$VERSION" >/dev/null && tar xzf "swagger-ui-dist-$VERSION.tgz")
mkdir -p "$target"
for file in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt; do
    cp "$work/package/$file" "$target/$file"
done
echo "swagger-ui-dist $VERSION from the npm registry" > "$target/VERSION"
echo "vendored swagger-ui-dist $VERSION into $target"
