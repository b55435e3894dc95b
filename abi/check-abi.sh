#!/usr/bin/env bash
# ABI guard for libssrlink, after DPDK's devtools/check-abi.sh.
#   check-abi.sh check  <libssrlink.so> [baseline.xml]  compare with the baseline (default
#                                         abi/ssrlink.abi.xml); fails on ANY difference abidiff
#                                         reports except added functions
#   check-abi.sh update <libssrlink.so>   rewrite abi/ssrlink.abi.xml (an intended, reviewed change)
# abidiff sets bit 8 only for a few known-incompatible changes; a struct layout change sets
# only bit 4, so any non-zero status fails here (see docs/abi.md).
#
# The baseline holds no path of the machine that wrote it (no corpus path, no compilation
# directory, file names without directories), so it does not change with the checkout or build
# directory and a packager's diff shows only ABI changes; tests/abi/baseline_has_no_paths.sh
# holds it to that.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:?check or update}
lib=${2:?path to libssrlink.so}
baseline=${3:-$here/ssrlink.abi.xml}
headers=$here/include
command -v abidw >/dev/null || { echo "check-abi: abidw not found (apt-get install abigail-tools)" >&2; exit 2; }
case "$mode" in
  update)
    abidw --headers-dir "$headers" --drop-private-types --exported-interfaces-only \
      --no-corpus-path --no-comp-dir-path --short-locs --out-file "$baseline" "$lib"
    echo "check-abi: baseline written to $baseline"
    ;;
  check)
    [ -f "$baseline" ] || { echo "check-abi: no baseline at $baseline" >&2; exit 2; }
    set +e
    abidiff --no-added-syms --drop-private-types --exported-interfaces-only --headers-dir2 "$headers" \
      "$baseline" "$lib"
    status=$?
    set -e
    if [ "$status" -ne 0 ]; then
      echo "check-abi: the ABI of $lib differs from the baseline (abidiff status $status)." >&2
      echo "check-abi: if the change is intended and append-only, run the abi-baseline target and commit the new baseline (docs/abi.md)." >&2
      exit 1
    fi
    echo "check-abi: ABI matches the baseline"
    ;;
  *) echo "usage: check-abi.sh check <libssrlink.so> [baseline.xml] | update <libssrlink.so>" >&2; exit 2 ;;
esac
