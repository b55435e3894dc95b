#!/usr/bin/env bash
# usage: smoke.sh FAKE_ETS_BINARY TEST_FIXTURE CURL [SERVE_OPTION...]
# Drives a real fake-ets process with curl and fails on the first wrong answer. Extra options go
# to `fake-ets serve`: with `--wire-profile` naming the plugin's default profile every answer must
# be the same as without it.
set -euo pipefail

fake_ets=$1
fixture=$2
curl_bin=$3
extra_serve_options=("${@:4}")
source "$(dirname "$0")/smoke_lib.sh"

start_fake_ets --link-ttl 2 --latency-ms 20 --threads 2 "${extra_serve_options[@]}"
for file in ca.pem ca.key server.pem server.key; do
  [[ -s $work/certs/$file ]] || fail "make-cert did not write $file"
done
expect_eq "server.key mode" "600" "$(stat -c %a "$work/certs/server.key")"

expect_match "port file" '^[0-9]+$' "$port"
expect_eq "announcement" "fake-ets listening on https://127.0.0.1:$port/api/v1" \
  "$(head -n 1 "$work/stdout")"

# Token: good pair, wrong secret, superseded pair.
answer=$(curl_ -w '\n%{http_code}' -H 'Content-Type: application/json' \
  -d '{"username":"district-user","secretKey":"s3cret-key-20-chars!"}' "$base/token")
expect_eq "token status" "200" "$(tail -n 1 <<< "$answer")"
expect_match "token body" '"expiresIn":3600' "$answer"
token=$(grep -o '"token":"[0-9a-f]*"' <<< "$answer" | cut -d'"' -f4)
expect_match "token" '^[0-9a-f]{32,}$' "$token"
for pair in '{"username":"district-user","secretKey":"wrong"}' \
            '{"username":"old-user","secretKey":"old-secret-key-000001"}'; do
  answer=$(curl_ -w '\n%{http_code}' -d "$pair" "$base/token")
  expect_eq "bad pair status" "401" "$(tail -n 1 <<< "$answer")"
  expect_match "bad pair body" '"errorCode":"NOT_AUTHORIZED"' "$answer"
done

auth="Authorization: Bearer $token"
# Keep-alive: three report requests in one curl run share one TCP connection. The stats
# request itself is the only other connection counted after the reset.
curl_ -X POST "$origin/_control/reset-stats" > /dev/null
curl_ -H "$auth" -o "$work/r1" "$base/scorereports?ssid=1000000001" \
  -o "$work/r2" "$base/scorereports?ssid=1000000003" -o "$work/r3" "$base/scorereports?ssid=1999999999"
stats=$(curl_ "$origin/_control/stats")
expect_match "stats after keep-alive" '"report_requests":3,"connections":2' "$stats"
expect_match "empty reports" '^\{"ssid":"1000000003","reports":\[\]\}$' "$(< "$work/r2")"
expect_match "unknown SSID" '"errorCode":"SSID_NOT_FOUND"' "$(< "$work/r3")"
expect_match "expiresAt" '"expiresAt":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"' \
  "$(< "$work/r1")"

# The first report is the English PDF; its link serves a real PDF.
url=$(grep -o '"url":"[^"]*"' "$work/r1" | head -n 1 | cut -d'"' -f4)
expect_match "link" "^$origin/files/[0-9a-f]+\\?X-Amz-Expires=2&X-Amz-Signature=[0-9a-f]+$" "$url"
status=$(curl_ -o "$work/doc.pdf" -w '%{http_code} %{content_type}' "$url")
expect_eq "document" "200 application/pdf" "$status"
expect_eq "PDF header" "%PDF-" "$(head -c 5 "$work/doc.pdf")"
expect_eq "PDF trailer" "%%EOF" "$(tail -n 1 "$work/doc.pdf")"
grep -q "SSID: 1000000001" "$work/doc.pdf" || fail "the PDF does not name the SSID"
expect_eq "wrong signature" "403" "$(curl_ -o /dev/null -w '%{http_code}' "${url%Signature=*}Signature=00")"

# A video SSR (format VIDEO) is served as ETS's player page, with its transcript naming the facts.
curl_ -H "$auth" -o "$work/r13" "$base/scorereports?ssid=1000000013"
video=$(grep -o '{[^{}]*"format":"VIDEO"[^{}]*}' "$work/r13" | head -n 1)
url=$(grep -o '"url":"[^"]*"' <<<"$video" | cut -d'"' -f4)
expect_match "video link" "^$origin/files/[0-9a-f]+\\?X-Amz-Expires=2&X-Amz-Signature=[0-9a-f]+$" "$url"
status=$(curl_ -o "$work/video.html" -w '%{http_code} %{content_type}' "$url")
expect_eq "video page" "200 text/html; charset=utf-8" "$status"
grep -q "Student Score Report video (fake ETS test document)" "$work/video.html" ||
  fail "the video page does not say it is a video SSR"
grep -q "SSID: 1000000013" "$work/video.html" || fail "the video page does not name the SSID"

# 64 concurrent clients (each its own connection), every one answered.
urls=()
for _ in $(seq 64); do urls+=(-o /dev/null "$base/scorereports?ssid=1000000001"); done
codes=$(curl_ --parallel --parallel-max 64 -H "$auth" -w '%{http_code}\n' "${urls[@]}")
expect_eq "concurrent 200s" "64" "$(grep -c '^200$' <<< "$codes")"

# Every fault kind, seen from an independent client.
reports() { curl_ -H "$auth" "$@"; }
fault_url() { echo "$base/scorereports?ssid=$1"; }
rc=0; reports -o /dev/null "$(fault_url 1000000102)" 2> /dev/null || rc=$?
expect_eq "reset: curl exit (56 = receive failure)" "56" "$rc"
rc=0; reports -o /dev/null "$(fault_url 1000000103)" 2> /dev/null || rc=$?
expect_eq "reset_mid_body: curl exit (18 = partial file)" "18" "$rc"
rc=0; reports --max-time 1 -o "$work/stalled" "$(fault_url 1000000104)" 2> /dev/null || rc=$?
expect_eq "stall_body: curl exit (28 = timed out)" "28" "$rc"
[[ -s $work/stalled ]] || fail "stall_body sent no part of the body"
curl_ -X POST "$origin/_control/rearm-faults" > /dev/null
for expected in 502 502 200; do
  expect_eq "502 twice then success" "$expected" \
    "$(reports -o /dev/null -w '%{http_code}' "$(fault_url 1000000106)")"
done
expect_match "rate_limited" $'^HTTP/1.1 429.*[Rr]etry-[Aa]fter: 1\r' \
  "$(reports -i --max-time 5 "$(fault_url 1000000110)" | tr '\n' ' ')"
body=$(reports "$(fault_url 1000000111)")
expect_match "malformed_json is cut" '^\{"ssid":"1000000111","reports":\[' "$body"
[[ $body != *'}' ]] || fail "malformed_json body is complete: $body"
expect_eq "html_error" "502 text/html; charset=utf-8" \
  "$(reports -o /dev/null -w '%{http_code} %{content_type}' "$(fault_url 1000000112)")"
expect_eq "huge_body bytes" "200 20971520" \
  "$(reports -o /dev/null -w '%{http_code} %{size_download}' "$(fault_url 1000000113)")"
expect_eq "status 500" "500" "$(reports -o /dev/null -w '%{http_code}' "$(fault_url 1000000105)")"
expect_eq "token_expired" "401" "$(reports -o /dev/null -w '%{http_code}' "$(fault_url 1000000114)")"
expect_eq "token really revoked" "401" \
  "$(reports -o /dev/null -w '%{http_code}' "$(fault_url 1000000001)")"
curl_ -d '{"kind":"status","status":503,"times":1}' "$origin/_control/token-fault" > /dev/null
pair='{"username":"district-user","secretKey":"s3cret-key-20-chars!"}'
expect_eq "token fault" "503" "$(curl_ -o /dev/null -w '%{http_code}' -d "$pair" "$base/token")"
expect_eq "token after fault" "200" "$(curl_ -o /dev/null -w '%{http_code}' -d "$pair" "$base/token")"
curl_ -d '{"username":"district-user"}' "$origin/_control/supersede" > /dev/null
expect_eq "superseded" "401" "$(curl_ -o /dev/null -w '%{http_code}' -d "$pair" "$base/token")"

# After --link-ttl (2 s) the same link answers 403. Waiting for wall-clock expiry is the point.
sleep 3
expect_eq "expired link" "403" "$(curl_ -o /dev/null -w '%{http_code}' "$url")"

kill -TERM "$server_pid"
wait "$server_pid" || fail "fake-ets exited with $? on SIGTERM"
server_pid=""
echo "fake-ets smoke test passed"
