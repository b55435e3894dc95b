#!/usr/bin/env bash
# What the fake-ets smoke tests share (sourced, not run): a work directory removed at exit with
# the server stopped, the failure and expectation helpers, and start_fake_ets, which makes a
# certificate, starts `fake-ets serve` on a free port and waits for it.
# Needs: $fake_ets, $fixture and $curl_bin set by the sourcing script.

work=$(mktemp -d)
server_pid=""

cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- server stderr ---" >&2
  cat "$work/stderr" >&2 || true
  exit 1
}

expect_eq() {  # expect_eq WHAT EXPECTED ACTUAL
  [[ $2 == "$3" ]] || fail "$1: expected '$2', got '$3'"
}

expect_match() {  # expect_match WHAT REGEX TEXT
  [[ $3 =~ $2 ]] || fail "$1: '$3' does not match /$2/"
}

# start_fake_ets [SERVE_OPTION...]: a fresh certificate in $work/certs, then `fake-ets serve` on
# port 0 with the fixture and the options given; sets server_pid, port, origin, base and curl_.
start_fake_ets() {
  "$fake_ets" make-cert --dir "$work/certs" > /dev/null
  "$fake_ets" serve --fixture "$fixture" --cert "$work/certs/server.pem" \
    --key "$work/certs/server.key" --port 0 --port-file "$work/port" "$@" \
    > "$work/stdout" 2> "$work/stderr" &
  server_pid=$!
  # Waiting for a process to start has no event to wait on from bash; poll, bounded to 15 s.
  for _ in $(seq 150); do
    [[ -s $work/port ]] && break
    kill -0 "$server_pid" 2>/dev/null || fail "fake-ets exited at start-up"
    sleep 0.1
  done
  [[ -s $work/port ]] || fail "no port file after 15 s"
  port=$(< "$work/port")
  origin="https://127.0.0.1:$port"
  base="$origin/api/v1"
}

curl_() { "$curl_bin" --silent --show-error --no-progress-meter --cacert "$work/certs/ca.pem" "$@"; }
