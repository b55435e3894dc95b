#!/usr/bin/env bash
# host.probe_cli: `ssrlink-host probe` as a district runs it on its first day with real
# credentials, against the demo district (tests/abi/with_district.sh: SQLite over ODBC, fake-ets
# over TLS, libssrlink through ctypes). A matching ETS prints "every answer matched" and exits 0;
# a profile file that names one field differently (a copy of the profile in force with the
# report's url renamed) exits 1 naming that field, and the page then shows the generic error.
# No output ever holds the SSID, the Secret Key, a token or a link.
# usage: probe_cli_test.sh <source dir> <libssrlink.so>   (run under with_district.sh)
set -euo pipefail
root=${1:?source directory}
library=${2:?libssrlink.so}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%s' "$SSRLINK_TEST_CONFIG" > "$work/config.json"
host=("$root/tools/host/ssrlink-host" --config "$work/config.json" --library "$library")
fail() { echo "FAIL: $*"; echo "--- output:"; cat "$work/out"; exit 1; }
ssid=2000000010  # student 1010, 26 reports in fixtures/demo.json
redacted() {  # the file holds no SSID, secret, link or token (fake-ets: 48 hex digits)
  ! grep -q "$ssid" "$1" || fail "the SSID was printed"
  ! grep -q "DemoSecretKey" "$1" || fail "the Secret Key was printed"
  ! grep -q "https://" "$1" || fail "a link was printed"
  ! grep -Eq "[0-9a-fA-F]{16}" "$1" || fail "something like a token was printed"
}

echo "DemoSecretKey-0123456789" | "${host[@]}" credentials-put --actor-user it-lead --scope district \
  --username demo-district --secret-key-stdin > "$work/out" 2>&1 || fail "credentials-put"

# 1. The profile in force matches the ETS: a report for a person, exit 0.
"${host[@]}" probe --actor-user it-lead --scope district --ssid "$ssid" > "$work/out" 2>&1 ||
  fail "a matching probe exited $?"
grep -q "^Result: every answer matched the wire profile.$" "$work/out" || fail "no matching result"
grep -q "^1\. token: POST /api/v1/" "$work/out" || fail "the token step is not described"
grep -q "^2\. reports: GET /api/v1/" "$work/out" || fail "the report step is not described"
grep -q "^   HTTP 200$" "$work/out" || fail "no HTTP status"
redacted "$work/out"

# 2. The same as JSON.
"${host[@]}" probe --actor-user it-lead --scope district --ssid "$ssid" --json > "$work/out" 2>&1 ||
  fail "--json exited $?"
python3 - "$work/out" <<'PY' || fail "the JSON result is not as docs/abi.md says"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["status"] == "SSRLINK_OK" and r["matched"] is True and r["first_mismatch"] == "", r
assert [s["name"] for s in r["steps"]] == ["token", "reports"], r
assert all(s["http_status"] == 200 for s in r["steps"]), r
PY
redacted "$work/out"

# 3. A profile file that names the report's url differently: exit 1, the field named.
python3 - "$work/config.json" "$root" "$work" <<'PY'
import json, os, sys
config_path, root, work = sys.argv[1:]
config = json.load(open(config_path))
source = config["ets"].get("wire_profile") or os.path.join(root, "adapters/ets/wire_profile_default.json")
profile = json.load(open(source))
profile["name"] = "probe test: url renamed"
profile["reports"]["item"]["url"] = "reportLink"
json.dump(profile, open(os.path.join(work, "renamed.json"), "w"))
config["ets"]["wire_profile"] = os.path.join(work, "renamed.json")
json.dump(config, open(os.path.join(work, "renamed-config.json"), "w"))
PY
renamed=("$root/tools/host/ssrlink-host" --config "$work/renamed-config.json" --library "$library")
if "${renamed[@]}" probe --actor-user it-lead --scope district --ssid "$ssid" > "$work/out" 2>&1; then
  fail "a mismatching probe exited 0"
fi
grep -q "^Wire profile: probe test: url renamed" "$work/out" || fail "the profile is not named"
grep -Eq "^Result: the answers differ from the wire profile; first difference: reports: .*reportLink" \
  "$work/out" || fail "the first difference does not name the renamed field"
redacted "$work/out"
"${renamed[@]}" render --student 1010 --role admin --user it-lead > "$work/out" 2>&1 || true
grep -q '"message": "There was an error while processing the request"' "$work/out" ||
  fail "the page does not show the generic error"

# 4. Every probe is audited with its actor.
database=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["odbc"]; print(c.split("Database=")[1].split(";")[0])' "$work/config.json")
rows=$(sqlite3 "$database" "SELECT COUNT(*) FROM ssrlink_audit WHERE action = 'ets_probe' AND user_id = 'it-lead' AND outcome = 'ok'")
[ "$rows" = "3" ] || fail "expected 3 audit rows for ets_probe by it-lead, found $rows"
echo "host.probe_cli: ok"
