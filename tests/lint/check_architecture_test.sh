#!/usr/bin/env bash
# tools/check-architecture.sh passes on the repository, and fails (naming the file and the rule)
# on a scratch copy with one violation of each rule planted: a check that cannot fail proves
# nothing.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
check=$repo/tools/check-architecture.sh
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$check" "$repo"

copy() {
  rm -rf "$scratch/tree"
  mkdir -p "$scratch/tree"
  (cd "$repo" && tar cf - plugin adapters tools/check-architecture.sh) | (cd "$scratch/tree" && tar xf -)
}

expect_failure() {  # file, include line, rule number
  local file=$1 include=$2 rule=$3
  copy
  printf '%s\n' "$include" >>"$scratch/tree/$file"
  if "$check" "$scratch/tree" 2>"$scratch/err"; then
    echo "FAIL: '$include' in $file was not caught" >&2
    exit 1
  fi
  if ! grep -q "^$file:[0-9]*:.*rule $rule" "$scratch/err"; then
    echo "FAIL: '$include' in $file was not reported as rule $rule:" >&2
    cat "$scratch/err" >&2
    exit 1
  fi
  echo "caught rule $rule: $file: $include"
}

expect_failure plugin/core/report_page/access_policy.cpp '#include <boost/asio/io_context.hpp>' 1
expect_failure plugin/core/time.cpp '#include <sqlext.h>' 1
expect_failure plugin/core/render/page_renderer.cpp '#include "odbc/statement.hpp"' 1
expect_failure adapters/ets/wire.cpp '#include "odbc/connection.hpp"' 2
expect_failure adapters/odbc/audit_log.cpp '#include "core/report_page/report_page_service.hpp"' 3
expect_failure adapters/crypto/base64.cpp '#include "assembly/plugin_instance.hpp"' 4
expect_failure plugin/core/time.cpp "$(printf '// padding\n%.0s' $(seq 400))" 5
port='struct wide_port {
  virtual void a() = 0;
  virtual void b(int x) = 0;
  virtual int c() const = 0;
  virtual void d(
      const char *text) = 0;
  virtual void e() = 0;
  virtual void f() = 0;
  virtual void g() = 0;
};'
expect_failure plugin/core/ports/logger.hpp "$port" 6
echo "check-architecture catches every rule"
