#!/usr/bin/env bash
# Starts the demo (tools/demo/with_demo.sh, without rebuilding), then drives it with headless
# Chromium (playwright-core) and axe-core. The npm packages (package.json, pinned by
# package-lock.json) are installed by tools/setup-debian.sh into tests/integration/demo/
# node_modules, never here: a test that downloads can fail for reasons not the product's.
#   run_browser_test.sh <source dir> <build dir>
set -euo pipefail
src=${1:?source dir}
build=${2:?build dir}
work=$build/browser-test
mkdir -p "$work/shots"
here=$src/tests/integration/demo
for package in playwright-core axe-core; do
  if [ ! -d "$here/node_modules/$package" ]; then
    echo "browser test: the npm package $package is not installed in $here/node_modules;" \
      "run tools/setup-debian.sh (it runs npm ci there)" >&2
    exit 1
  fi
done
# The demo as tools/demo/with_demo.sh brings it up; the page's address arrives in SSRLINK_DEMO_URL.
exec "$src/tools/demo/with_demo.sh" "$src" "$build" "$work" \
  sh -c 'node "$0" "$SSRLINK_DEMO_URL" "$1"' "$here/browser_test.mjs" "$work/shots"
