#!/usr/bin/env bash
# sql.install_check_catches_drift: install_matches_migrations.py must fail, naming the table,
# when install.sql loses a column a migration adds (ssrlink_report_log.notice, migration 0002).
#   check_catches_drift.sh <python3> <source dir>
set -euo pipefail
python=${1:?python3}
src=${2:?source dir}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/sql"
cp -r "$src/sql/sqlite" "$scratch/sql/"
grep -q '^  notice     VARCHAR(16),$' "$scratch/sql/sqlite/install.sql" ||
  { echo "FAIL: install.sql has no ssrlink_report_log.notice line to remove" >&2; exit 1; }
sed -i '/^  notice     VARCHAR(16),$/d' "$scratch/sql/sqlite/install.sql"
if "$python" "$src/tools/sql/install_matches_migrations.py" "$scratch/sql" 2>"$scratch/err"; then
  echo "FAIL: the check passed an install.sql without ssrlink_report_log.notice" >&2
  exit 1
fi
grep -q 'table ssrlink_report_log' "$scratch/err" ||
  { cat "$scratch/err" >&2; echo "FAIL: the check did not name ssrlink_report_log" >&2; exit 1; }
echo "the check caught the missing column"
