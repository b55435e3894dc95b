#!/usr/bin/env bash
# abi/check-abi.sh must fail on a real break, not only pass on no change. Each case edits a copy
# of the committed baseline so that it describes a library the built one is incompatible with,
# and runs the check against it:
#   struct size     ssrlink_host had another size (a field removed, resized or reordered);
#   removed         a function the baseline exports is gone from the library;
#   moved node      a function changed version node (hosts linked against the old node break);
#   return type     a function returned a wider type (uint32_t vs long).
# Every edit is verified to have changed the copy, so no case can pass by editing nothing; and
# the unedited baseline must pass first, so a failure means the edit, not a broken set-up.
# usage: check_abi_catches_breaks.sh <check-abi.sh> <libssrlink.so> <ssrlink.abi.xml>
set -euo pipefail
check=${1:?path to abi/check-abi.sh}
lib=${2:?path to libssrlink.so}
baseline=${3:?path to abi/ssrlink.abi.xml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$check" check "$lib" "$baseline" >"$work/unchanged.log" 2>&1 ||
  { cat "$work/unchanged.log" >&2; echo "the unedited baseline does not pass; fix that first" >&2; exit 1; }

failures=0
expect_break() {
  local name=$1 edited=$2
  if cmp -s "$baseline" "$edited"; then
    echo "case '$name': the edit changed nothing (the baseline's format moved?)" >&2
    failures=$((failures + 1))
    return
  fi
  if "$check" check "$lib" "$edited" >"$work/$name.log" 2>&1; then
    echo "case '$name': check-abi.sh passed a broken ABI:" >&2
    cat "$work/$name.log" >&2
    failures=$((failures + 1))
  else
    echo "case '$name': refused ($(grep -m1 -E 'changes summary|differs' "$work/$name.log" || echo failed))"
  fi
}

sed "/<class-decl name='ssrlink_host'/ s/size-in-bits='[0-9]*'/size-in-bits='1024'/" \
  "$baseline" >"$work/size.xml"
expect_break "struct size" "$work/size.xml"

sed -e "s/'ssrlink_sweep'/'ssrlink_sweep_gone'/g" -e "s/'ssrlink_sweep@@/'ssrlink_sweep_gone@@/g" \
  "$baseline" >"$work/removed.xml"
expect_break "removed" "$work/removed.xml"

sed -e "s/name='ssrlink_credentials_reseal' version='SSRLINK_1.1'/name='ssrlink_credentials_reseal' version='SSRLINK_1'/" \
  -e "s/ssrlink_credentials_reseal@@SSRLINK_1.1/ssrlink_credentials_reseal@@SSRLINK_1/" \
  "$baseline" >"$work/moved.xml"
expect_break "moved node" "$work/moved.xml"

# The return type of ssrlink_abi_version becomes the baseline's `long int`.
perl -0pe '
  my ($long) = /<type-decl name=.long int. [^>]*id=.([^\x27"]+)./;
  die "no long int type in the baseline\n" unless defined $long;
  s{(<function-decl name=.ssrlink_abi_version.[^>]*>\s*<return type-id=.)[^\x27"]+}{$1$long}
' "$baseline" >"$work/return.xml"
expect_break "return type" "$work/return.xml"

if [ "$failures" -ne 0 ]; then
  echo "$failures case(s) not caught by abi/check-abi.sh" >&2
  exit 1
fi
echo "check-abi.sh refused every break"
