#!/usr/bin/env bash
# The lint stage of the test command (tools/run-tests.sh), also run by hand before a commit:
#   1. clang-format, check only: every C and C++ file of the project is formatted as .clang-format
#      says (fix with `clang-format -i FILE`);
#   2. tools/check-architecture.sh: includes point inward, no file over 350 lines, no port over
#      6 methods (docs/architecture.md);
#   3. clang-tidy with the checks of .clang-tidy over the project's own C++ sources (the library,
#      the adapters, the tools and the tests), every warning an error.
# Usage: tools/lint.sh BUILD_DIR      (a configured build tree: clang-tidy reads its
#                                      compile_commands.json)
#        tools/lint.sh --format-only   (step 1 only; no build tree needed)
# Exit status 0 when all are clean. SSRLINK_JOBS sets how many clang-tidy processes run at once.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: lint.sh BUILD_DIR | --format-only}
format_only=0
[ "$build" = --format-only ] && format_only=1
jobs=${SSRLINK_JOBS:-$(nproc)}
cd "$root"

for tool in clang-format clang-tidy; do
  command -v "$tool" >/dev/null || { echo "lint: $tool not found (tools/setup-debian.sh)" >&2; exit 2; }
done
[ "$format_only" -eq 1 ] || [ -f "$build/compile_commands.json" ] ||
  { echo "lint: no $build/compile_commands.json; configure the build first" >&2; exit 2; }

# The project's files: tracked or new but not ignored, so a file not yet added is checked too.
# Fixtures and corpora are data, not code.
mapfile -t sources < <(git ls-files --cached --others --exclude-standard -- \
  '*.c' '*.h' '*.cpp' '*.hpp' | grep -v -E '^(tests/fuzz/corpus|tools/fake-ets/fixtures)/' | sort -u)
if [ ${#sources[@]} -eq 0 ]; then
  echo "lint: no source files found (is this a git checkout?)" >&2
  exit 2
fi

failed=0
echo "lint: clang-format --dry-run over ${#sources[@]} files"
if ! clang-format --dry-run --Werror "${sources[@]}"; then
  echo "lint: the files above are not formatted; run clang-format -i on them" >&2
  failed=1
fi

if [ "$format_only" -eq 1 ]; then
  [ "$failed" -eq 0 ] && echo "lint: formatted"
  exit "$failed"
fi

if ! tools/check-architecture.sh; then
  failed=1
fi

# clang-tidy parses each translation unit in full (Boost.Beast headers make some take a minute),
# so it runs only on .cpp files listed in the compile database, several at a time; headers are
# checked through them (HeaderFilterRegex in .clang-tidy).
mapfile -t units < <(printf '%s\n' "${sources[@]}" | grep -E '\.cpp$' |
  while read -r f; do grep -qF "\"file\": \"$root/$f\"" "$build/compile_commands.json" && echo "$f"; done)
echo "lint: clang-tidy over ${#units[@]} translation units, $jobs at a time"
tidy_log=$(mktemp)
trap 'rm -f "$tidy_log"' EXIT
if ! printf '%s\n' "${units[@]}" |
  xargs -P "$jobs" -n 1 clang-tidy -p "$build" --quiet --warnings-as-errors='*' >"$tidy_log" 2>&1; then
  # Only the findings: drop clang-tidy's "N warnings generated" and suppression counts.
  grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Error while processing' \
    "$tidy_log" >&2
  echo "lint: clang-tidy reported the findings above" >&2
  failed=1
fi

if [ "$failed" -eq 0 ]; then
  echo "lint: clean"
fi
exit "$failed"
