#!/usr/bin/env bash
# host.check_mapping_cli: `ssrlink-host check-mapping` as a DBA runs it, against the demo
# district (tests/abi/with_district.sh: SQLite over ODBC, libssrlink through ctypes). A sound
# mapping prints "no check failed" and exits 0; a view that lists a student twice and a dropped
# index make it exit 1 naming the view, the student and the table read whole; --json prints
# the result the C call returns. The report never shows a Secret Key or an SSID.
# usage: check_mapping_cli_test.sh <source dir> <libssrlink.so>   (run under with_district.sh)
set -euo pipefail
root=${1:?source directory}
library=${2:?libssrlink.so}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%s' "$SSRLINK_TEST_CONFIG" > "$work/config.json"
database=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["odbc"]; print(c.split("Database=")[1].split(";")[0])' "$work/config.json")
host=("$root/tools/host/ssrlink-host" --config "$work/config.json" --library "$library")
fail() { echo "FAIL: $*"; echo "--- output:"; cat "$work/out"; exit 1; }

# 1. The demo district's mapping is sound.
"${host[@]}" check-mapping --actor-user dba > "$work/out" 2>&1 || fail "a sound mapping exited $?"
grep -q "no check failed" "$work/out" || fail "no 'no check failed' line"
grep -q "^-- page_parent_binding$" "$work/out" || fail "the statements are not printed"
grep -q "LEFT JOIN ssrlink_portal_link l ON l.student_id = s.student_id AND l.user_id = ?" \
  "$work/out" || fail "the parent binding is not printed word for word"

# 2. A student on two rows, and contacts moved to a table without an index.
sqlite3 "$database" <<'SQL'
CREATE TABLE students_copy AS SELECT * FROM ssrlink_student;
CREATE UNIQUE INDEX students_copy_id ON students_copy (student_id);
DROP VIEW ssrlink_student;
CREATE VIEW ssrlink_student AS
  SELECT * FROM students_copy
  UNION ALL SELECT * FROM students_copy WHERE student_id = 1010;
CREATE TABLE guardians_copy AS SELECT * FROM ssrlink_contact;
DROP VIEW ssrlink_contact;
CREATE VIEW ssrlink_contact AS SELECT * FROM guardians_copy;
SQL
if "${host[@]}" check-mapping --actor-user dba > "$work/out" 2>&1; then
  fail "a broken mapping exited 0"
fi
grep -q "some checks FAILED" "$work/out" || fail "no FAILED headline"
grep -Eq "\[FAIL\] ssrlink_student: one_row_per_student: .*" "$work/out" || fail "duplicate not failed"
grep -q "student_id 1010 (2 rows)" "$work/out" || fail "the duplicated student is not named"
grep -Eq "\[FAIL\] page_facts .*guardians_copy" "$work/out" || fail "the table read whole is not named"

# 3. The same as JSON, and nothing secret in it.
if "${host[@]}" check-mapping --actor-user dba --json > "$work/out" 2>&1; then
  fail "--json of a broken mapping exited 0"
fi
python3 - "$work/out" <<'PY' || fail "the JSON result is not as docs/abi.md says"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["status"] == "SSRLINK_OK" and r["ok"] is False and r["dialect"] == "sqlite", r
dup = [c for c in r["checks"] if c["check"] == "one_row_per_student"]
assert dup and dup[0]["status"] == "fail" and "student_id 1010 (2 rows)" in dup[0]["examples"], dup
facts = [s for s in r["statements"] if s["name"] == "page_facts"]
assert facts and facts[0]["status"] == "fail" and "guardians_copy" in facts[0]["full_scans"], facts
PY
if grep -q "DemoSecretKey" "$work/out"; then fail "the Secret Key was printed"; fi
for ssid in $(sqlite3 "$database" "SELECT ssid FROM students_copy WHERE ssid <> ''"); do
  if grep -q "$ssid" "$work/out"; then fail "the SSID of a student was printed"; fi
done

# 4. The call is audited with its actor.
rows=$(sqlite3 "$database" "SELECT COUNT(*) FROM ssrlink_audit WHERE action = 'check_mapping' AND user_id = 'dba' AND outcome = 'ok'")
[ "$rows" = "3" ] || fail "expected 3 audit rows for check_mapping by dba, found $rows"
echo "host.check_mapping_cli: ok"
