#!/usr/bin/env bash
# usage: profile_smoke.sh FAKE_ETS_BINARY TEST_FIXTURE CURL PYTHON3 ALTERNATE_PROFILE
# Drives fake-ets serving the alternate wire profile (tests/support/wire_profiles/alternate.json:
# form-encoded OAuth2-style token, other paths, parameter and header, nested answers, other item
# names and error codes) with curl, and checks that bad profile files stop it. Fails on the first
# wrong answer.
set -euo pipefail

fake_ets=$1
fixture=$2
curl_bin=$3
python_bin=$4
profile=$5
source "$(dirname "$0")/smoke_lib.sh"

# expect_json WHAT FILE CONDITION: CONDITION is a Python expression over `b`, FILE's JSON.
expect_json() {
  "$python_bin" - "$2" "$3" <<'PY' || fail "$1: ($3) is not true of $(head -c 400 "$2")"
import json, re, sys
with open(sys.argv[1], encoding="utf-8") as f:
    b = json.load(f)
sys.exit(0 if eval("(" + sys.argv[2] + "\n)") else 1)
PY
}

start_fake_ets --wire-profile "$profile"

# call FILE ARGS...: the body goes to FILE, the status is printed.
call() { local file=$1; shift; curl_ -o "$work/$file" -w '%{http_code}' "$@"; }
# fetch FILE SSID: a report request that must be answered 200, its body in FILE.
fetch() {
  local status
  status=$(call "$1" -H "$auth" "$reports_url=$2") || fail "$2: curl failed"
  expect_eq "$2 status" "200" "$status"
}

# Token: form-encoded at the profile's path, with the profile's names and grant_type.
secret='s3cret-key-20-chars%21'  # the '!' percent-encoded, as a form encoder sends it
form="grant_type=client_credentials&client_id=district-user&client_secret=$secret"
expect_eq "form token status" "200" "$(call token "$base/oauth2/token" -d "$form")"
expect_json "form token answer" "$work/token" \
  'set(b) == {"access_token", "expires_in"} and b["expires_in"] == 3600 and
   re.fullmatch("[0-9a-f]{32,}", b["access_token"]) is not None'
token=$("$python_bin" -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' \
  "$work/token")
expect_eq "form token in another order, with a charset" "200" "$(call token2 "$base/oauth2/token" \
  -H 'Content-Type: application/x-www-form-urlencoded; charset=UTF-8' \
  -d "client_id=district-user&client_secret=$secret&grant_type=client_credentials")"

json_pair='{"grant_type":"client_credentials","client_id":"district-user","client_secret":"s3cret-key-20-chars!"}'
expect_eq "JSON token body status" "400" \
  "$(call bad "$base/oauth2/token" -H 'Content-Type: application/json' -d "$json_pair")"
expect_json "JSON token body answer" "$work/bad" 'b["error"]["code"] == "BAD_REQUEST"'
expect_eq "no grant_type status" "400" \
  "$(call bad "$base/oauth2/token" -d "client_id=district-user&client_secret=$secret")"
expect_json "no grant_type answer" "$work/bad" \
  'b["error"]["code"] == "BAD_REQUEST" and "grant_type" in b["error"]["description"]'
expect_eq "wrong grant_type status" "400" \
  "$(call bad "$base/oauth2/token" -d "grant_type=password&client_id=district-user&client_secret=$secret")"
expect_eq "wrong secret status" "401" \
  "$(call bad "$base/oauth2/token" -d "grant_type=client_credentials&client_id=district-user&client_secret=wrong")"
expect_json "wrong secret answer" "$work/bad" \
  'b == {"error": {"code": "UNAUTHORIZED", "description": b["error"]["description"]}}'
expect_eq "default token path" "404" "$(call bad "$base/token" -H 'Content-Type: application/json' \
  -d '{"username":"district-user","secretKey":"s3cret-key-20-chars!"}')"
expect_json "default token path answer" "$work/bad" 'b["error"]["code"] == "NOT_FOUND"'

# Reports: the profile's path, parameter and header; the prefix in any case.
auth="X-ETS-Authorization: Token $token"
reports_url="$base/students/score-reports?studentId"
expect_eq "reports status" "200" "$(call r1 -H "$auth" "$reports_url=1000000001")"
expect_json "reports answer shape" "$work/r1" \
  'set(b) == {"student", "data"} and b["student"] == {"ssid": "1000000001"} and
   set(b["data"]) == {"scoreReports"} and len(b["data"]["scoreReports"]) == 6'
expect_json "report items in the profile's names" "$work/r1" \
  'all({"downloadUrl", "fileFormat", "languageCode", "testCode", "schoolYear", "testName",
        "gradeLevel", "subjectArea", "reportStatus", "link"} == set(r) for r in b["data"]["scoreReports"]) and
   all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["link"]["expiresAt"]) for r in b["data"]["scoreReports"])'
expect_json "first report" "$work/r1" \
  'b["data"]["scoreReports"][0]["testCode"] == "SB" and b["data"]["scoreReports"][0]["fileFormat"] == "PDF" and
   b["data"]["scoreReports"][0]["languageCode"] == "ENG" and b["data"]["scoreReports"][0]["schoolYear"] == "2018-19"'
url=$("$python_bin" -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["scoreReports"][0]["downloadUrl"])' \
  "$work/r1")
expect_match "downloadUrl" "^$origin/files/[0-9a-f]+\\?X-Amz-Expires=1800&X-Amz-Signature=[0-9a-f]+$" "$url"
expect_eq "document" "200 application/pdf" "$(curl_ -o "$work/doc.pdf" -w '%{http_code} %{content_type}' "$url")"
expect_eq "PDF header" "%PDF-" "$(head -c 5 "$work/doc.pdf")"
expect_eq "prefix in lower case" "200" \
  "$(call r1b -H "x-ets-authorization: token $token" "$reports_url=1000000001")"

expect_eq "bad token status" "401" \
  "$(call bad -H "X-ETS-Authorization: Token 0123456789abcdef" "$reports_url=1000000001")"
expect_json "bad token answer" "$work/bad" 'b["error"]["code"] == "UNAUTHORIZED"'
expect_eq "default header and prefix" "401" \
  "$(call bad -H "Authorization: Bearer $token" "$reports_url=1000000001")"
expect_eq "default parameter" "400" "$(call bad -H "$auth" "$base/students/score-reports?ssid=1000000001")"
expect_json "default parameter answer" "$work/bad" \
  'b["error"]["code"] == "BAD_REQUEST" and "studentId" in b["error"]["description"]'
expect_eq "default reports path" "404" \
  "$(call bad -H "Authorization: Bearer $token" "$base/scorereports?ssid=1000000001")"

# Fixture errors: default codes translated to the profile's, unknown ones passed through.
check_error() {  # check_error SSID STATUS CODE
  expect_eq "$1 status" "$2" "$(call err -H "$auth" "$reports_url=$1")"
  expect_json "$1 answer" "$work/err" \
    "set(b) == {'error'} and set(b['error']) == {'code', 'description'} and
     b['error']['code'] == '$3' and len(b['error']['description']) > 0"
}
check_error 1000000002 404 NO_SCORES
check_error 1000000004 403 NOT_IN_LEA
check_error 1000000005 500 SERVER_FAULT
check_error 1000000006 403 UNAUTHORIZED
check_error 1000000007 404 UNKNOWN_STUDENT
check_error 1999999999 404 UNKNOWN_STUDENT
check_error 1000000008 400 SOMETHING_NEW
check_error 1000000105 500 SERVER_FAULT   # a fault's errorCode is translated too
check_error 1000000110 429 RATE_LIMITED   # fake-ets's own code, sent as it is

# Faults keep their meaning at the profile's places.
expect_eq "no expiry" "200" "$(call r9 -H "$auth" "$reports_url=1000000009")"
expect_json "no expiry answer" "$work/r9" \
  '"link" not in b["data"]["scoreReports"][0] and "omit_expires_at" not in b["data"]["scoreReports"][0]'
fetch r121 1000000121
expect_json "wrong_ssid" "$work/r121" 'b["student"]["ssid"] == "1000000001"'
fetch r122 1000000122
expect_json "no_ssid" "$work/r122" '"ssid" not in b["student"] and len(b["data"]["scoreReports"]) == 1'
fetch r120 1000000120
expect_json "many_items" "$work/r120" \
  'len(b["data"]["scoreReports"]) == 200001 and b["data"]["scoreReports"][5] == {"downloadUrl": "javascript:junk()"}'
fetch r111 1000000111
expect_match "malformed_json is the profile's body, cut" '^\{"student":\{"ssid":"1000000111"\},"data":\{"scoreReports":\[' \
  "$(< "$work/r111")"
[[ $(< "$work/r111") != *'}' ]] || fail "malformed_json body is complete"
expect_eq "huge_body bytes" "200 20971520" \
  "$(curl_ -H "$auth" -o "$work/r113" -w '%{http_code} %{size_download}' "$reports_url=1000000113")"
expect_json "huge_body shape" "$work/r113" 'b["data"]["scoreReports"] == [] and "ssid" in b["student"]'

# trailing_bytes: the answer planted after the real one is shaped by the profile too. curl drops
# such bytes, so a raw TLS socket reads them.
"$python_bin" - "$port" "$work/certs/ca.pem" "$token" > "$work/trailing" <<'PY' || fail "trailing_bytes: no planted answer read"
import socket, ssl, sys, time
port, ca, token = int(sys.argv[1]), sys.argv[2], sys.argv[3]
context = ssl.create_default_context(cafile=ca)
with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(("GET /api/v1/students/score-reports?studentId=1000000123 HTTP/1.1\r\n"
                     "Host: 127.0.0.1\r\nX-ETS-Authorization: Token " + token + "\r\n\r\n").encode())
        data, deadline = b"", time.monotonic() + 5
        while data.count(b"HTTP/1.1 200") < 2 and time.monotonic() < deadline:
            chunk = tls.recv(65536)
            if not chunk:
                break
            data += chunk
sys.stdout.write(data.split(b"HTTP/1.1 200")[2].split(b"\r\n\r\n", 1)[1].decode())
PY
expect_json "trailing_bytes planted answer" "$work/trailing" \
  'b["student"]["ssid"] == "1000000123" and
   b["data"]["scoreReports"][0]["downloadUrl"] == "https://planted.invalid/report.pdf"'

expect_eq "token_expired status" "401" "$(call r114 -H "$auth" "$reports_url=1000000114")"
expect_json "token_expired answer" "$work/r114" 'b["error"]["code"] == "UNAUTHORIZED"'
expect_eq "token really revoked" "401" "$(call bad -H "$auth" "$reports_url=1000000001")"

# The control endpoints do not change with the profile.
expect_json "stats" <(curl_ "$origin/_control/stats") '"token_requests" in b and "report_requests" in b'

kill -TERM "$server_pid"
wait "$server_pid" || fail "fake-ets exited with $? on SIGTERM"
server_pid=""

# A bad profile stops `serve` with exit 1 and a message naming the file and the key.
# bad_profile NAME KEY_IN_MESSAGE PYTHON_EDIT: PYTHON_EDIT changes `p`, the alternate profile.
bad_profile() {
  local file="$work/$1.json"
  "$python_bin" - "$profile" "$file" "$3" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    p = json.load(f)
exec(sys.argv[3])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(p if isinstance(p, str) else json.dumps(p))
PY
  local rc=0
  timeout 10 "$fake_ets" serve --fixture "$fixture" --cert "$work/certs/server.pem" \
    --key "$work/certs/server.key" --port 0 --wire-profile "$file" > /dev/null 2> "$work/bad.err" || rc=$?
  expect_eq "$1: exit code" "1" "$rc"
  grep -qF "$file" "$work/bad.err" || fail "$1: the message does not name the file: $(< "$work/bad.err")"
  grep -qF "$2" "$work/bad.err" || fail "$1: the message does not name '$2': $(< "$work/bad.err")"
}
bad_profile misspelt '"reports.ssid_paramter"' \
  'p["reports"]["ssid_paramter"] = p["reports"].pop("ssid_parameter")'
bad_profile missing '"errors.codes"' 'del p["errors"]["codes"]'
bad_profile wrong_type '"token.constants"' 'p["token"]["constants"] = ["grant_type"]'
bad_profile empty_segment '"reports.answer.reports"' 'p["reports"]["answer"]["reports"] = "data..scoreReports"'
bad_profile encoding '"token.encoding"' 'p["token"]["encoding"] = "xml"'
bad_profile meaning '"errors.codes.NO_SCORES"' 'p["errors"]["codes"]["NO_SCORES"] = "no_data"'
bad_profile not_json 'not valid JSON' 'p = "{\"token\": "'
rc=0
"$fake_ets" serve --fixture "$fixture" --cert "$work/certs/server.pem" --key "$work/certs/server.key" \
  --wire-profile "$work/no-such-file.json" > /dev/null 2> "$work/bad.err" || rc=$?
expect_eq "unreadable profile: exit code" "1" "$rc"
grep -qF "$work/no-such-file.json" "$work/bad.err" || fail "unreadable profile: $(< "$work/bad.err")"

echo "fake-ets wire profile smoke test passed"
