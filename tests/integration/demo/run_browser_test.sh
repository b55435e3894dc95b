#!/usr/bin/env bash
# Starts the demo (tools/demo/run.sh, without rebuilding), then drives it with headless Chromium
# (playwright-core) and axe-core. The npm packages (package.json, pinned by package-lock.json)
# are installed by tools/setup-debian.sh into tests/integration/demo/node_modules, never here: a
# test that downloads can fail for reasons that are not the product's.
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
rm -f "$work/demo.port"
SSRLINK_BUILD_DIR=$build SSRLINK_DEMO_DIR=$work/demo SSRLINK_DEMO_SKIP_BUILD=1 \
  "$src/tools/demo/run.sh" --port 0 --port-file "$work/demo.port" >"$work/demo.log" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; pkill -P $demo 2>/dev/null; wait $demo 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do [ -s "$work/demo.port" ] && break; kill -0 $demo 2>/dev/null || break; sleep 0.1; done
if [ ! -s "$work/demo.port" ]; then
  cat "$work/demo.log"
  echo "browser test: the demo did not start" >&2
  exit 1
fi
node "$here/browser_test.mjs" "http://127.0.0.1:$(cat "$work/demo.port")/" "$work/shots"
