#!/usr/bin/env bash
# The README's demo command: a small California district on this machine.
#   - installs what is missing (tools/setup-debian.sh) and builds libssrlink and fake-ets;
#   - creates the demo district in SQLite (sql/sqlite/*.sql), read through the SQLite ODBC driver;
#   - makes a throwaway CA and starts fake-ets on 127.0.0.1 with tools/fake-ets/fixtures/demo.json;
#   - stores the demo TOMS credentials through ssrlink_credentials_put (sealed at rest);
#   - starts the reference host web page on http://127.0.0.1:${SSRLINK_DEMO_PORT:-8080}/ that
#     loads libssrlink.so with dlopen: pick a student and who you are signed in as (a parent or
#     student portal account of the demo district, a teacher or office of a school, district
#     staff), click a PDF button; staff also get "3rd Party System Connections" (the TOMS pair),
#     the Notification Manager and "Configure processing" (settings, Run now), and a parent
#     account "All my students" (family-garcia has two children), in English and Spanish.
# Ctrl-C stops everything. Options: --check renders three pages on the command line and exits
# (no web server): a student's reports for an administrator and for the parent's portal account,
# and the refusal for a relative without educational rights; --port-file F writes the web page's
# port to F once it listens.
# SSRLINK_TEST_WIRE_PROFILE=FILE (an ETS wire profile, by its absolute path, such as
# tests/support/wire_profiles/alternate.json) makes fake-ets serve that profile and writes it into
# config.json as ets.wire_profile, as the test suite does under the same variable (the bindings'
# and browser tests run the demo through tools/demo/with_demo.sh); unset, the built-in profile.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${SSRLINK_BUILD_DIR:-$root/build}
work=${SSRLINK_DEMO_DIR:-$build/demo}
port=${SSRLINK_DEMO_PORT:-8080}
check=0
port_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --port-file) port_file=$2; shift ;;
    --port) port=$2; shift ;;
    *) echo "usage: run.sh [--check] [--port N] [--port-file F]" >&2; exit 2 ;;
  esac
  shift
done

if [ "${SSRLINK_DEMO_SKIP_BUILD:-0}" != 1 ]; then  # the tests run the demo from their own build
  "$root/tools/setup-debian.sh"
  echo "demo: building"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j "$(nproc)" --target ssrlink fake-ets
fi

profile=${SSRLINK_TEST_WIRE_PROFILE:-}
serve_profile=()
config_profile=""
if [ -n "$profile" ]; then
  [[ $profile = /* && -r $profile ]] ||
    { echo "demo: SSRLINK_TEST_WIRE_PROFILE must name a readable profile file by its absolute path" >&2; exit 1; }
  serve_profile=(--wire-profile "$profile")
  config_profile=$(printf ',\n    "wire_profile": "%s"' "$profile")
fi

rm -rf "$work"
mkdir -p "$work"
echo "demo: creating the demo district in $work/district.db"
cat "$root/sql/sqlite/reference-host.sql" "$root/sql/sqlite/install.sql" \
  "$root/sql/sqlite/demo-data.sql" | sqlite3 "$work/district.db"

echo "demo: starting fake-ets with a fresh certificate${profile:+ and the wire profile $profile}"
"$build/tools/fake-ets/fake-ets" make-cert --dir "$work/certs" >/dev/null
"$build/tools/fake-ets/fake-ets" serve --fixture "$root/tools/fake-ets/fixtures/demo.json" \
  --cert "$work/certs/server.pem" --key "$work/certs/server.key" --port 0 \
  --port-file "$work/fake-ets.port" "${serve_profile[@]}" >"$work/fake-ets.log" 2>&1 &
fake_ets=$!
cleanup() { kill "$fake_ets" 2>/dev/null || true; wait "$fake_ets" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for _ in $(seq 1 100); do [ -s "$work/fake-ets.port" ] && break; sleep 0.1; done
[ -s "$work/fake-ets.port" ] || { cat "$work/fake-ets.log"; echo "demo: fake-ets did not start" >&2; exit 1; }
ets_port=$(cat "$work/fake-ets.port")

cat >"$work/config.json" <<JSON
{
  "odbc": "DRIVER=SQLite3;Database=$work/district.db;JournalMode=WAL;SyncPragma=NORMAL",
  "seal_key_file": "$work/seal.key",
  "ets": {
    "base_url": "https://127.0.0.1:$ets_port/api/v1",
    "ca_file": "$work/certs/ca.pem",
    "link_hosts": ["127.0.0.1"],
    "timeout_ms": 5000$config_profile
  }
}
JSON
host=("$root/tools/host/ssrlink-host" --config "$work/config.json" --library "$build/plugin/libssrlink.so")
# This script is the actor of the set-up calls, so the audit trail names it.
setup=(--actor-role system --actor-user demo-setup)
echo "demo: storing the demo district's TOMS credentials (sealed)"
echo "DemoSecretKey-0123456789" | "${host[@]}" credentials-put "${setup[@]}" --scope district \
  --username demo-district --secret-key-stdin >/dev/null
connection=$("${host[@]}" test-connection "${setup[@]}" --scope district || true)
grep -q '"ok": true' <<<"$connection" ||
  { echo "$connection"; echo "demo: test connection failed" >&2; exit 1; }

if [ "$check" = 1 ]; then
  admin=$("${host[@]}" render --student 1010 --role admin --user demo-admin)
  echo "${admin:0:700}"
  grep -q '"outcome": "reports"' <<<"$admin" || { echo "demo: no reports for student 1010" >&2; exit 1; }
  parent=$("${host[@]}" render --student 1010 --role parent --user parent-1010-1 --html)
  echo "${parent:0:700}"
  grep -q 'class="ssrlink-button' <<<"$parent" ||
    { echo "demo: no report buttons for the parent's portal account" >&2; exit 1; }
  relative=$("${host[@]}" render --student 1010 --role parent --user relative-1010-2 || true)
  echo "${relative:0:700}"
  grep -q '"outcome": "denied"' <<<"$relative" ||
    { echo "demo: a relative without educational rights was not refused" >&2; exit 1; }
  echo "demo: check passed"
  exit 0
fi
args=(serve --database "$work/district.db" --port "$port")
[ -n "$port_file" ] && args+=(--ready-file "$port_file")
echo "demo: open http://127.0.0.1:$port/ (Ctrl-C stops the demo)"
"${host[@]}" "${args[@]}"
