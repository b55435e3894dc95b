#!/usr/bin/env bash
# The installed package as a host's build meets it:
#   run_consumer_test.sh <build dir> <scratch dir> <cmake> <C compiler> <generator> <version>
# 1. `cmake --install` the build tree into <scratch dir>/prefix (a prefix chosen at install
#    time, as a user does with --prefix: the CMake package and the .pc file must both follow);
# 2. builds project/ (host.c) twice against it: with find_package(ssrlink CONFIG) and
#    ssrlink::ssrlink, and with the compiler and `pkg-config --cflags --libs ssrlink` alone;
# 3. runs each binary with LD_LIBRARY_PATH on the prefix, checks that it loaded the installed
#    libssrlink.so.1 and prints exactly what host.c promises.
# Fails on the first step that does not hold, saying which.
set -euo pipefail
build=${1:?build dir}
scratch=${2:?scratch dir}
cmake=${3:?cmake}
cc=${4:?C compiler}
generator=${5:?CMake generator}
version=${6:?expected version}
here=$(cd "$(dirname "$0")" && pwd)

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

rm -rf "$scratch"
mkdir -p "$scratch"
prefix=$scratch/prefix

# 1. The install.
"$cmake" --install "$build" --prefix "$prefix" >"$scratch/install.log" 2>&1 ||
  { cat "$scratch/install.log" >&2; fail "cmake --install $build --prefix $prefix"; }
[ -f "$prefix/include/ssrlink/ssrlink.h" ] || fail "no include/ssrlink/ssrlink.h in the prefix"
pc=$(find "$prefix" -name ssrlink.pc -path '*/pkgconfig/*')
[ -n "$pc" ] || fail "no pkgconfig/ssrlink.pc in the prefix"
libdir=$(dirname "$(dirname "$pc")")
for f in libssrlink.so "libssrlink.so.${version%%.*}" "libssrlink.so.$version" \
  cmake/ssrlink/ssrlinkConfig.cmake cmake/ssrlink/ssrlinkConfigVersion.cmake \
  cmake/ssrlink/ssrlinkTargets.cmake; do
  [ -e "$libdir/$f" ] || fail "no $f in $libdir"
done

# 2a. find_package(ssrlink CONFIG) + ssrlink::ssrlink.
"$cmake" -S "$here/project" -B "$scratch/cmake-build" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_PREFIX_PATH="$prefix" -DSSRLINK_EXPECTED_VERSION="$version" \
  -DSSRLINK_EXPECTED_PREFIX="$prefix" >"$scratch/cmake-configure.log" 2>&1 ||
  { cat "$scratch/cmake-configure.log" >&2; fail "configuring project/ (find_package)"; }
"$cmake" --build "$scratch/cmake-build" >"$scratch/cmake-build.log" 2>&1 ||
  { cat "$scratch/cmake-build.log" >&2; fail "building project/ with ssrlink::ssrlink"; }

# 2b. pkg-config, searching the prefix only (a system-wide ssrlink.pc must not answer).
export PKG_CONFIG_LIBDIR=$libdir/pkgconfig
unset PKG_CONFIG_PATH
found=$(pkg-config --modversion ssrlink) || fail "pkg-config does not find ssrlink in $libdir"
[ "$found" = "$version" ] || fail "pkg-config says ssrlink $found, expected $version"
# shellcheck disable=SC2046 # the flags are words
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$scratch/host-pkg-config" \
  "$here/project/host.c" $(pkg-config --cflags --libs ssrlink) ||
  fail "compiling host.c with \$(pkg-config --cflags --libs ssrlink)"

# 3. Both binaries against the installed library.
major=${version%%.*}
IFS=. read -r v_major v_minor v_patch <<<"$version"
expected="abi $major, header $v_major.$v_minor.$v_patch
status 3 is SSRLINK_DATABASE
unknown key: SSRLINK_CONFIG, names it: yes
open: SSRLINK_OK
seal key mode 600, logged: yes
closed"
for binary in "$scratch/cmake-build/host" "$scratch/host-pkg-config"; do
  name=$(basename "$binary")
  loaded=$(LD_LIBRARY_PATH=$libdir ldd "$binary" |
    awk -v soname="libssrlink.so.$major" '$1 == soname { print $3 }')
  [ "$(realpath "$loaded")" = "$(realpath "$libdir/libssrlink.so.$major")" ] ||
    fail "$name loads '${loaded:-no libssrlink}', not $libdir/libssrlink.so.$major"
  run=$scratch/run-$name
  mkdir -p "$run"
  rc=0
  output=$(LD_LIBRARY_PATH=$libdir "$binary" "$run") || rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '%s\n' "$output" >&2
    fail "$name exited with $rc"
  fi
  if [ "$output" != "$expected" ]; then
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$output") >&2 || true
    fail "$name printed something else than expected (diff above: - expected, + printed)"
  fi
  echo "$name: ok"
done
echo "package: find_package and pkg-config consumers built and ran against $prefix"
