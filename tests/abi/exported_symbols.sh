#!/usr/bin/env bash
# The dynamic symbols libssrlink.so defines are exactly the ones abi/ssrlink.map lists, each in
# the node the map puts it in, and those are exactly the functions ssrlink.h declares:
#   - nothing else is exported (no Boost, no C++ runtime, no stray helper);
#   - no function is missing (a host's dlsym would fail) or sits in another node (a host linked
#     against SSRLINK_1.1 would not find it);
#   - the map names every function (no wildcard), so a new one cannot slip into a released node;
#   - the version definitions are exactly the map's nodes.
# usage: exported_symbols.sh <libssrlink.so> <ssrlink.map> <ssrlink.h>
set -euo pipefail
lib=${1:?path to libssrlink.so}
map=${2:?path to abi/ssrlink.map}
header=${3:?path to ssrlink.h}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# The map without comments, one token per line: node names, braces, "global:", symbols.
perl -0pe 's{/\*.*?\*/}{ }gs' "$map" | tr ';{}' '\n\n\n' | sed -e 's/:/:\n/g' |
  sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' >"$work/map.tokens"

# "<symbol> <node>" for every symbol in a node's global section.
awk '
  /^local:/ { section = "local"; next }
  /^global:/ { section = "global"; next }
  /^SSRLINK_[0-9.]+$/ { node = $1; section = ""; next }
  section == "global" { print $1, node }
' "$work/map.tokens" | sort >"$work/map.symbols"
grep -E '^SSRLINK_[0-9]+(\.[0-9]+)?$' "$work/map.tokens" | sort -u >"$work/map.nodes"

if grep -q '[*?[]' <(cut -d' ' -f1 "$work/map.symbols"); then
  echo "abi/ssrlink.map uses a wildcard in a global section; name every function:" >&2
  grep '[*?[]' "$work/map.symbols" >&2
  fail=1
fi
if [ ! -s "$work/map.symbols" ]; then
  echo "no symbols found in $map" >&2
  exit 1
fi
cut -d' ' -f1 "$work/map.symbols" | sort | uniq -d >"$work/map.twice"
if [ -s "$work/map.twice" ]; then
  echo "abi/ssrlink.map names these functions in more than one node:" >&2
  cat "$work/map.twice" >&2
  fail=1
fi

# What the library defines: every non-local, defined entry of the dynamic symbol table. readelf
# prints name@@NODE for a function's default version (name@NODE for any other), and each version
# definition as an absolute symbol named like its node.
readelf --dyn-syms --wide "$lib" |
  awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $5 != "LOCAL" && $8 != "" { print $7, $8 }' \
  >"$work/lib.all"
awk '$1 == "ABS" && $2 ~ /^SSRLINK_[0-9.]+$/ { print $2 }' "$work/lib.all" | sort -u >"$work/lib.nodes"
awk '!($1 == "ABS" && $2 ~ /^SSRLINK_[0-9.]+$/) { print $2 }' "$work/lib.all" |
  sed -e 's/@@/ /' -e 's/@/ (non-default) /' | sort >"$work/lib.symbols"

if ! diff -u "$work/map.symbols" "$work/lib.symbols" >"$work/diff.symbols"; then
  echo "libssrlink.so exports differ from abi/ssrlink.map ('-' only in the map, '+' only in the library; '<name> <node>'):" >&2
  tail -n +3 "$work/diff.symbols" | grep '^[-+]' >&2
  fail=1
fi
if ! diff -u "$work/map.nodes" "$work/lib.nodes" >"$work/diff.nodes"; then
  echo "libssrlink.so's version definitions differ from the map's nodes:" >&2
  tail -n +3 "$work/diff.nodes" | grep '^[-+]' >&2
  fail=1
fi

# Every function the header declares (SSRLINK_API <type> name(...)) is in the map, and the map
# names no function the header does not declare.
grep -E '^SSRLINK_API ' "$header" | grep -oE '\bssrlink_[a-z0-9_]+\(' | tr -d '(' | sort -u \
  >"$work/header.functions"
cut -d' ' -f1 "$work/map.symbols" | sort -u >"$work/map.functions"
if ! diff -u "$work/header.functions" "$work/map.functions" >"$work/diff.header"; then
  echo "ssrlink.h's functions differ from abi/ssrlink.map ('-' only in the header, '+' only in the map):" >&2
  tail -n +3 "$work/diff.header" | grep '^[-+]' >&2
  fail=1
fi

if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "exported: $(wc -l <"$work/lib.symbols") functions in $(wc -l <"$work/lib.nodes") nodes," \
  "exactly as abi/ssrlink.map and ssrlink.h say:"
sed 's/^/  /' "$work/lib.symbols"
