#!/usr/bin/env bash
# The version has one source, SSRLINK_VERSION_MAJOR/MINOR/PATCH in ssrlink.h, and everything
# else agrees with it:
#   - SSRLINK_VERSION_MAJOR is SSRLINK_ABI_VERSION;
#   - the map's nodes are SSRLINK_<MAJOR>, SSRLINK_<MAJOR>.1, ... in order, each inheriting the
#     one before, and the newest is the header's MAJOR.MINOR (SSRLINK_<MAJOR> for minor 0): a
#     function appended without raising the minor, or a minor raised without a node, fails here;
#   - the built library is libssrlink.so.MAJOR.MINOR.PATCH with SONAME libssrlink.so.MAJOR and
#     defines the newest node.
# usage: version_matches_map.sh <libssrlink.so> <ssrlink.map> <ssrlink.h>
set -euo pipefail
lib=${1:?path to libssrlink.so}
map=${2:?path to abi/ssrlink.map}
header=${3:?path to ssrlink.h}
fail=0
complain() {
  echo "$*" >&2
  fail=1
}

define() {
  sed -nE "s/^#define SSRLINK_$1 +([0-9]+).*/\1/p" "$header"
}
abi=$(define ABI_VERSION)
major=$(define VERSION_MAJOR)
minor=$(define VERSION_MINOR)
patch=$(define VERSION_PATCH)
[ -n "$abi" ] && [ -n "$major" ] && [ -n "$minor" ] && [ -n "$patch" ] ||
  { echo "ssrlink.h lacks SSRLINK_ABI_VERSION or SSRLINK_VERSION_MAJOR/MINOR/PATCH" >&2; exit 1; }
[ "$major" = "$abi" ] || complain "SSRLINK_VERSION_MAJOR ($major) is not SSRLINK_ABI_VERSION ($abi)"

# "<node> <parent>" per node, in the order written (comments removed first).
perl -0ne 's{/\*.*?\*/}{ }gs; while (/(SSRLINK_[0-9.]+)\s*\{.*?\}\s*(SSRLINK_[0-9.]+)?\s*;/gs) {
  print $1, " ", ($2 // "-"), "\n" }' "$map" >"${TMPDIR:-/tmp}/ssrlink-nodes.$$"
trap 'rm -f "${TMPDIR:-/tmp}/ssrlink-nodes.$$"' EXIT
mapfile -t nodes <"${TMPDIR:-/tmp}/ssrlink-nodes.$$"
[ "${#nodes[@]}" -gt 0 ] || { echo "no version nodes found in $map" >&2; exit 1; }
previous=-
for i in "${!nodes[@]}"; do
  read -r node parent <<<"${nodes[$i]}"
  if [ "$i" -eq 0 ]; then expected=SSRLINK_$major; else expected=SSRLINK_$major.$i; fi
  [ "$node" = "$expected" ] || complain "map node $((i + 1)) is $node, expected $expected"
  [ "$parent" = "$previous" ] || complain "map node $node inherits '$parent', expected '$previous'"
  previous=$node
done
newest=${previous}
if [ "$minor" -eq 0 ]; then wanted=SSRLINK_$major; else wanted=SSRLINK_$major.$minor; fi
[ "$newest" = "$wanted" ] ||
  complain "the map's newest node is $newest but ssrlink.h says version $major.$minor ($wanted):" \
    "raise SSRLINK_VERSION_MINOR with the node that adds functions, never without one"

real=$(basename "$(readlink -f "$lib")")
[ "$real" = "libssrlink.so.$major.$minor.$patch" ] ||
  complain "the library file is $real, expected libssrlink.so.$major.$minor.$patch"
soname=$(readelf -d "$lib" | sed -nE 's/.*\(SONAME\).*\[(.*)\]/\1/p')
[ "$soname" = "libssrlink.so.$major" ] || complain "SONAME is '$soname', expected libssrlink.so.$major"
defined=$(readelf -V "$lib" | awk '/Version definition/ { on = 1 } /Version needs/ { on = 0 }
  on && NF > 1 && $(NF - 1) == "Name:" { print $NF }')
grep -qxF "$newest" <<<"$defined" || complain "the library does not define version node $newest"

[ "$fail" -eq 0 ] || exit 1
echo "version $major.$minor.$patch: newest map node $newest, $real, SONAME $soname"
