#!/usr/bin/env bash
# Runs a test host against real parts, as the demo does: the demo district in a fresh SQLite
# database (sql/sqlite/*.sql, read through the SQLite ODBC driver) and fake-ets on loopback with
# a throwaway CA and tools/fake-ets/fixtures/demo.json. The command gets the configuration JSON
# in SSRLINK_TEST_CONFIG and fake-ets's pid in SSRLINK_TEST_FAKE_ETS_PID; the demo's TOMS pair
# is demo-district / DemoSecretKey-0123456789 (not stored yet: the host stores it). With
# SSRLINK_TEST_WIRE_PROFILE set (a profile file, by its absolute path), fake-ets serves that wire
# profile and the configuration names it (ets.wire_profile); unset, the built-in one.
# usage: with_district.sh <fake-ets binary> <source dir> <work dir> <command> [args...]
set -euo pipefail
fake_ets=${1:?fake-ets binary}
root=${2:?source directory}
work=${3:?work directory}
shift 3
[ $# -gt 0 ] || { echo "with_district.sh: no command" >&2; exit 2; }

profile=${SSRLINK_TEST_WIRE_PROFILE:-}
serve_profile=()
config_profile=""
if [ -n "$profile" ]; then
  [[ $profile = /* && -r $profile ]] ||
    { echo "SSRLINK_TEST_WIRE_PROFILE must name a readable profile file by its absolute path" >&2; exit 1; }
  serve_profile=(--wire-profile "$profile")
  config_profile=", \"wire_profile\": \"$profile\""
fi

rm -rf "$work"
mkdir -p "$work"
cat "$root/sql/sqlite/reference-host.sql" "$root/sql/sqlite/install.sql" \
  "$root/sql/sqlite/demo-data.sql" | sqlite3 "$work/district.db"
"$fake_ets" make-cert --dir "$work/certs" >/dev/null
"$fake_ets" serve --fixture "$root/tools/fake-ets/fixtures/demo.json" \
  --cert "$work/certs/server.pem" --key "$work/certs/server.key" --port 0 \
  --port-file "$work/fake-ets.port" "${serve_profile[@]}" >"$work/fake-ets.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 100); do [ -s "$work/fake-ets.port" ] && break; sleep 0.1; done
[ -s "$work/fake-ets.port" ] || { cat "$work/fake-ets.log" >&2; echo "fake-ets did not start" >&2; exit 1; }

SSRLINK_TEST_CONFIG=$(cat <<JSON
{"odbc": "DRIVER=SQLite3;Database=$work/district.db;JournalMode=WAL;SyncPragma=NORMAL",
 "seal_key_file": "$work/seal.key",
 "ets": {"base_url": "https://127.0.0.1:$(cat "$work/fake-ets.port")/api/v1",
         "ca_file": "$work/certs/ca.pem", "link_hosts": ["127.0.0.1"], "timeout_ms": 5000$config_profile}}
JSON
)
export SSRLINK_TEST_CONFIG
export SSRLINK_TEST_FAKE_ETS_PID=$server
set +e
"$@"
status=$?
set -e
exit "$status"
