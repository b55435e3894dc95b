#!/usr/bin/env bash
# The Java binding against the demo district:
#   run_test.sh <source dir> <build dir> <libssrlink.so> <java> <class path>
# tools/demo/with_demo.sh brings the demo district up (SQLite over ODBC, fake-ets over TLS with a
# throwaway CA, the demo credentials stored) and BindingTest runs against it with LC_ALL=C, so
# the JVM's default charset is ASCII and every non-ASCII value must cross the ABI as UTF-8 bytes.
set -euo pipefail
src=${1:?source dir}
build=${2:?build dir}
library=${3:?libssrlink.so}
java=${4:?java}
classpath=${5:?class path}
work=$build/bindings-java

# A host's JVM as an ASCII-only service account would start it: no UTF-8 locale, and no
# -Dfile.encoding or -Djna.encoding smuggled in through the JVM's option variables.
exec "$src/tools/demo/with_demo.sh" "$src" "$build" "$work" \
  env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS -u LANG -u LANGUAGE LC_ALL=C \
  "$java" -cp "$classpath" org.ssrlink.test.BindingTest \
  "$library" "$work/demo/config.json" "$work/demo/district.db" "$(command -v sqlite3)"
