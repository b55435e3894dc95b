#!/usr/bin/env bash
# Runs a command while the demo district is up: tools/demo/run.sh (without rebuilding) creates it
# exactly as the README's demo does (the SQLite district over ODBC, fake-ets over TLS with a
# throwaway CA, the demo TOMS pair stored through ssrlink_credentials_put) and keeps fake-ets
# running while its web page serves; the command gets SSRLINK_DEMO_DIR (config.json, district.db,
# certs/) and SSRLINK_DEMO_URL (the web page), and everything stops when it ends. Under
# SSRLINK_TEST_WIRE_PROFILE the demo's fake-ets and config.json use that wire profile (run.sh).
# Used by the PHP and Java bindings' tests and the browser test.
#   with_demo.sh <source dir> <build dir> <work dir> <command> [args...]
set -euo pipefail
src=${1:?source dir}
build=${2:?build dir}
work=${3:?work dir}
shift 3
[ $# -gt 0 ] || { echo "usage: with_demo.sh SRC BUILD WORK COMMAND [ARGS...]" >&2; exit 2; }

mkdir -p "$work"
rm -f "$work/web.port"
# A session of its own, so the demo's web page and fake-ets stop with it as one process group.
SSRLINK_BUILD_DIR=$build SSRLINK_DEMO_DIR=$work/demo SSRLINK_DEMO_SKIP_BUILD=1 \
  setsid "$src/tools/demo/run.sh" --port 0 --port-file "$work/web.port" >"$work/demo.log" 2>&1 &
demo=$!
stop() { kill -TERM -- "-$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; }
trap stop EXIT
# The port file appears once the credentials are stored and the web page listens.
for _ in $(seq 1 600); do
  [ -s "$work/web.port" ] && break
  kill -0 "$demo" 2>/dev/null || break
  sleep 0.1
done
if [ ! -s "$work/web.port" ]; then
  cat "$work/demo.log" >&2
  echo "with_demo: the demo did not start" >&2
  exit 1
fi
SSRLINK_DEMO_DIR=$work/demo SSRLINK_DEMO_URL="http://127.0.0.1:$(cat "$work/web.port")/" "$@"
