#!/usr/bin/env bash
# Fails when libssrlink.so exports (defines) any dynamic symbol that is not ssrlink_*.
set -euo pipefail
lib=${1:?path to libssrlink.so}
others=$(nm -D --defined-only "$lib" | awk '{print $NF}' | grep -v '^ssrlink_' | grep -v '^SSRLINK_' || true)
if [ -n "$others" ]; then
  echo "libssrlink.so exports symbols outside ssrlink_*:" >&2
  echo "$others" | head -20 >&2
  exit 1
fi
count=$(nm -D --defined-only "$lib" | grep -c ' ssrlink_')
echo "exported: $count ssrlink_* symbols, nothing else"
[ "$count" -ge 12 ]
