#!/usr/bin/env bash
# The test command of the README: installs what is missing, then builds and runs every test
#   1. the plain build: unit, integration (real TLS, SQLite ODBC, a real PostgreSQL server),
#      the C host that dlopens the library, the ABI checks;
#   2. the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the unit tests and the concurrent tests (label "concurrency") under ThreadSanitizer;
#   4. the libFuzzer targets for a short time each (SSRLINK_FUZZ_SECONDS, default 30).
# Build trees go to build/, build-asan/, build-tsan/ and build-fuzz/ beside this checkout.
# Set SSRLINK_QUICK=1 to run stage 1 only.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/tools/setup-debian.sh" || exit 1

jobs=${SSRLINK_JOBS:-$(nproc)}
total_passed=0
total_failed=0
stage_failed=()

# run_stage NAME BUILD_DIR CTEST_ARGS -- CMAKE_ARGS...
run_stage() {
  local name=$1 dir=$2 ctest_args=$3
  shift 4
  echo "=== ssrlink tests: $name ==="
  if ! cmake -S "$root" -B "$root/$dir" -G Ninja "$@" >"$root/$dir.configure.log" 2>&1; then
    cat "$root/$dir.configure.log"
    stage_failed+=("$name (configure)"); total_failed=$((total_failed + 1)); return
  fi
  if ! cmake --build "$root/$dir" -j "$jobs"; then
    stage_failed+=("$name (build)"); total_failed=$((total_failed + 1)); return
  fi
  local log="$root/$dir/ctest.log"
  # shellcheck disable=SC2086
  (cd "$root/$dir" && ctest --output-on-failure -j "$jobs" --timeout 600 $ctest_args) 2>&1 | tee "$log"
  local summary passed failed
  summary=$(grep -E '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -1)
  if [ -z "$summary" ]; then
    stage_failed+=("$name (no test ran)"); total_failed=$((total_failed + 1)); return
  fi
  failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$summary")
  total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$summary")
  passed=$((total - failed))
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  [ "$failed" -eq 0 ] || stage_failed+=("$name")
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
# The ODBC driver manager and drivers keep a few allocations until exit; they are not ours.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

run_stage "plain build" build "" -- -DCMAKE_BUILD_TYPE=RelWithDebInfo
if [ "${SSRLINK_QUICK:-0}" != 1 ]; then
  run_stage "ASan+UBSan" build-asan "" -- -DCMAKE_BUILD_TYPE=Debug \
    -DSSRLINK_SANITIZE=address,undefined
  run_stage "TSan (unit and concurrent tests)" build-tsan "-L unit|concurrency" -- -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSSRLINK_SANITIZE=thread
  if [ -f "$root/tests/fuzz/CMakeLists.txt" ]; then
    run_stage "fuzzing" build-fuzz "-L fuzz" -- -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DSSRLINK_BUILD_FUZZERS=ON \
      -DSSRLINK_BUILD_TOOLS=OFF -DSSRLINK_FUZZ_ONLY=ON
  fi
fi

echo
if [ ${#stage_failed[@]} -ne 0 ]; then
  echo "ssrlink tests: failing stages: ${stage_failed[*]}"
fi
echo "ssrlink: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
