#!/usr/bin/env bash
# The committed ABI baseline holds no path of the machine that wrote it: no attribute value that
# is an absolute path (corpus path, compilation directory, a source or header location), no home
# or build directory, and not the checkout's own path. Such paths make the baseline change with
# whoever regenerated it and leak a developer's directory layout into a release.
# usage: baseline_has_no_paths.sh <ssrlink.abi.xml> <source directory>
set -euo pipefail
baseline=${1:?path to abi/ssrlink.abi.xml}
source_dir=${2:?the source directory}
[ -s "$baseline" ] || { echo "no baseline at $baseline" >&2; exit 1; }
fail=0
# Any quoted attribute value that starts with / or ~, or a drive letter.
if grep -nE "=['\"](/|~|[A-Za-z]:[\\\\/])" "$baseline" >&2; then
  echo "^ $baseline holds absolute paths; regenerate it with the abi-baseline target (docs/abi.md)" >&2
  fail=1
fi
if grep -nF "$source_dir" "$baseline" >&2; then
  echo "^ $baseline names the source directory $source_dir" >&2
  fail=1
fi
[ "$fail" -eq 0 ] || exit 1
echo "baseline: $(grep -c "<" "$baseline") lines of ABI, no paths"
