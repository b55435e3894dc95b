#!/usr/bin/env bash
# The lint stage must fail on a file that is not formatted, name it, and pass once it is. Runs
# tools/lint.sh --format-only in a scratch git repository holding only the repo's .clang-format,
# the script and one C++ file, so the real checkout is never touched.
#   lint_catches_unformatted.sh <source dir>
set -euo pipefail
src=${1:?source dir}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/tools" "$scratch/plugin"
cp "$src/.clang-format" "$scratch/"
cp "$src/tools/lint.sh" "$scratch/tools/"
git -C "$scratch" init -q
printf 'int  answer( ){return 42 ;}\n' >"$scratch/plugin/sloppy.cpp"

if "$scratch/tools/lint.sh" --format-only >"$scratch/out.txt" 2>&1; then
  cat "$scratch/out.txt"
  echo "FAIL: lint passed an unformatted file" >&2
  exit 1
fi
grep -q "plugin/sloppy.cpp" "$scratch/out.txt" ||
  { cat "$scratch/out.txt"; echo "FAIL: lint did not name the unformatted file" >&2; exit 1; }

clang-format -i --style=file "$scratch/plugin/sloppy.cpp"
if ! "$scratch/tools/lint.sh" --format-only >"$scratch/out.txt" 2>&1; then
  cat "$scratch/out.txt"
  echo "FAIL: lint refused a formatted file" >&2
  exit 1
fi
echo "lint: refuses an unformatted file, names it, passes it once formatted"
