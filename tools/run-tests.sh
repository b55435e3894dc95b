#!/usr/bin/env bash
# The test command of the README: installs what is missing, then builds and runs every test with
# the presets of CMakePresets.json (warnings are errors in all of them):
#   1. release  the tree as a distribution builds it (-O3): unit, integration (real TLS, SQLite
#               ODBC, a real PostgreSQL server), the hosts that dlopen the library (C, Python,
#               PHP, Java), the browser test of the demo, the ABI checks, the installed package
#               (a CMake and a pkg-config consumer; label package) and install.sql against the
#               migrations (label sql);
#   2. lint     clang-format (check only) and clang-tidy over the project's sources
#               (tools/lint.sh, on the release tree's compile database);
#   3. release, second wire profile
#               the release tree's whole suite again, not rebuilt, with
#               SSRLINK_TEST_WIRE_PROFILE=tests/support/wire_profiles/alternate.json: fake-ets
#               serves that ETS wire profile and every plugin configuration the tests write names
#               it (tests/support/wire_profiles/test_wire_profile.hpp); report in
#               build-release/junit-wire-profile.xml;
#   4. asan     the whole suite again, Debug, under AddressSanitizer + UndefinedBehaviorSanitizer
#               (but the package test: a consumer of a sanitized library needs its runtime);
#   5. tsan     the unit tests and the concurrent tests (label "concurrency") under ThreadSanitizer;
#   6. fuzz     the libFuzzer targets for a short time each (the environment variable
#               SSRLINK_FUZZ_SECONDS, default 30).
# Build trees go to build-<preset>/ beside this checkout. Counts come from ctest's JUnit report
# (build-<preset>/junit.xml), never from its text. SSRLINK_QUICK=1 runs stages 1 to 3 only.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/tools/setup-debian.sh" || exit 1

jobs=${SSRLINK_JOBS:-$(nproc)}
total_passed=0
total_failed=0
stage_failed=()

fail_stage() {  # fail_stage LABEL: a stage that could not run counts as one failure
  stage_failed+=("$1")
  total_failed=$((total_failed + 1))
}

# Reads a JUnit file ctest wrote; prints "TESTS FAILURES SKIPPED". A test that did not run (a
# missing program, a skip) counts as skipped, and skipped tests fail the stage: none may skip
# itself quietly.
junit_counts() {
  python3 - "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
cases = suite.findall(".//testcase")
failed = sum(1 for c in cases
             if c.get("status") == "fail" or c.find("failure") is not None or c.find("error") is not None)
skipped = sum(1 for c in cases if c.get("status") in ("notrun", "disabled") or c.find("skipped") is not None)
print(len(cases), failed, skipped)
PY
}

# run_stage NAME PRESET: configure, build and test one preset. Returns 0 once the tree is built,
# whatever its tests said; non-zero when it could not be built.
run_stage() {
  local name=$1 preset=$2 dir="$root/build-$2"
  [ "$preset" = dev ] && dir="$root/build"
  echo "=== ssrlink tests: $name (preset $preset) ==="
  if ! cmake --preset "$preset" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"
    fail_stage "$name (configure)"
    return 1
  fi
  if ! cmake --build --preset "$preset" -j "$jobs"; then
    fail_stage "$name (build)"
    return 1
  fi
  run_tests "$name" "$preset" "$dir/junit.xml"
  return 0
}

# run_tests NAME PRESET JUNIT: ctest on the preset's built tree, its report in JUNIT, counted into
# the totals. Whatever the environment holds reaches the tests (SSRLINK_TEST_WIRE_PROFILE).
run_tests() {
  local name=$1 preset=$2 junit=$3
  rm -f "$junit"
  ctest --preset "$preset" -j "$jobs" --output-junit "$junit"
  if [ ! -s "$junit" ]; then
    fail_stage "$name (no test report)"
    return 1
  fi
  local counts tests failed skipped
  counts=$(junit_counts "$junit") || { fail_stage "$name (unreadable test report)"; return 1; }
  read -r tests failed skipped <<<"$counts"
  if [ "$tests" -eq 0 ]; then
    fail_stage "$name (no test ran)"
    return 1
  fi
  echo "=== $name: $((tests - failed - skipped)) passed, $failed failed, $skipped did not run ==="
  total_passed=$((total_passed + tests - failed - skipped))
  total_failed=$((total_failed + failed + skipped))
  if [ $((failed + skipped)) -ne 0 ]; then
    stage_failed+=("$name")
  fi
}

run_lint() {
  echo "=== ssrlink tests: lint ==="
  if SSRLINK_JOBS=$jobs "$root/tools/lint.sh" "$root/build-release"; then
    total_passed=$((total_passed + 1))
  else
    fail_stage "lint"
  fi
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
# The ODBC driver manager and drivers keep a few allocations until exit; they are not ours.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

release_built=0
run_stage "release build" release && release_built=1
# The lint stage needs the release tree's compile database (and its generated headers), so it
# runs when that tree configured, whatever its tests said.
if [ -f "$root/build-release/compile_commands.json" ]; then
  run_lint
else
  fail_stage "lint (no compile database)"
fi
# The same tree's suite against the second ETS wire profile: fake-ets serving it, the plugin
# configured with it (tests/support/wire_profiles/test_wire_profile.hpp).
second_profile="release, second wire profile"
if [ "$release_built" = 1 ]; then
  echo "=== ssrlink tests: $second_profile (preset release, not rebuilt) ==="
  SSRLINK_TEST_WIRE_PROFILE="$root/tests/support/wire_profiles/alternate.json" \
    run_tests "$second_profile" release "$root/build-release/junit-wire-profile.xml"
else
  fail_stage "$second_profile (no release build)"
fi
if [ "${SSRLINK_QUICK:-0}" != 1 ]; then
  run_stage "ASan+UBSan" asan
  run_stage "TSan (unit and concurrent tests)" tsan
  run_stage "fuzzing" fuzz
fi

echo
if [ ${#stage_failed[@]} -ne 0 ]; then
  echo "ssrlink tests: failing stages: ${stage_failed[*]}"
fi
echo "ssrlink: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
