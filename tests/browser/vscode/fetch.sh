#!/usr/bin/env bash
# Fetch the pinned front-end files the VS Code widget test loads, from the npm registry (run from anywhere; the
# results are committed, so the tests never fetch anything):
#   ipywidgets8.js  @vscode/jupyter-ipywidgets8: the widget manager VS Code's Jupyter extension renders widgets with
#   services.js     @jupyterlab/services' KernelConnection, bundled with esbuild (VS Code builds its kernel proxy on it)
#   require.js      requirejs, which VS Code's renderer uses to load widget modules such as anywidget
set -euo pipefail
IPYWIDGETS8=1.0.9
SERVICES=7.6.6
REQUIREJS=2.3.8
ESBUILD=0.28.2
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@vscode/jupyter-ipywidgets8@$IPYWIDGETS8" "requirejs@$REQUIREJS" >/dev/null
tar xzf "vscode-jupyter-ipywidgets8-$IPYWIDGETS8.tgz"
cp package/dist/ipywidgets.js "$here/ipywidgets8.js"
cp package/LICENSE "$here/LICENSE.jupyter-ipywidgets8"
rm -rf package
tar xzf "requirejs-$REQUIREJS.tgz"
cp package/require.js "$here/require.js"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "@jupyterlab/services@$SERVICES" "esbuild@$ESBUILD" >/dev/null
printf '%s\n' 'export { KernelConnection } from "@jupyterlab/services/lib/kernel/default";' \
  'export { ServerConnection } from "@jupyterlab/services";' > entry.js
node_modules/@esbuild/linux-x64/bin/esbuild entry.js --bundle --format=esm --platform=browser --minify \
  --legal-comments=eof --log-level=warning --outfile="$here/services.js"
cat > "$here/VERSIONS" <<END
@vscode/jupyter-ipywidgets8 $IPYWIDGETS8 (dist/ipywidgets.js as ipywidgets8.js)
@jupyterlab/services $SERVICES (BSD-3-Clause by its package.json; KernelConnection and ServerConnection bundled by esbuild $ESBUILD as services.js)
requirejs $REQUIREJS (require.js; MIT, the licence is in its header)
END
(cd "$here" && sha256sum ipywidgets8.js services.js require.js >> VERSIONS)
