#!/usr/bin/env bash
# Checks the house rules a reviewer would otherwise count by hand (docs/architecture.md).
# Dependencies point inward:
#   1. plugin/core includes no I/O library (Asio, Beast, ODBC, OpenSSL), no adapter, no shim,
#      no composition root and not the C header;
#   2. an adapter includes no other adapter;
#   3. an adapter includes from the core only its ports and values: core/*.hpp, core/ports/,
#      core/model/, core/text/, and the ports a module owns (listed below), never a service;
#   4. only the shim includes the composition root, and the composition root knows nothing of C.
# Rooms a newcomer can live in:
#   5. no source file in plugin/ or adapters/ is over 350 lines;
#   6. no port is wider than 6 methods: no header in plugin/ declares more than 6 pure virtual
#      functions (one port per header).
# Prints every offending line as FILE:LINE: rule N: ... and exits 1 when there is one.
# Usage: tools/check-architecture.sh [REPOSITORY_ROOT]   (default: this script's repository)
set -euo pipefail
root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$root"

# Headers of a module that are ports or plain values, so an adapter may implement or use them.
module_ports='core/(mapping_check/(mapping_inspector|mapping_observations)|sweep/(student_feed|batch_leases|report_log|notice_outbox|schedule_runs|sweep_records|report_identity)|report_page/offered_reports|audit/call_key)\.hpp'

failed=0
offend() {  # rule, grep -n output lines
  local rule=$1 lines=$2
  [[ -z $lines ]] && return
  while IFS= read -r line; do
    echo "$line: rule $rule" >&2
  done <<<"$lines"
  failed=1
}
sources() { find "$@" -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) | sort; }
includes() {  # files... → FILE:LINE:#include ...
  [[ $# -eq 0 ]] && return
  grep -nHE '^[[:space:]]*#[[:space:]]*include' "$@" || true
}

mapfile -t core < <(sources plugin/core)
offend "1 (the core includes no I/O library, adapter, shim, composition root or C header)" \
  "$(includes "${core[@]}" | grep -E '[<"](boost/(asio|beast)|openssl/|sql\.h|sqlext\.h|sqltypes\.h|odbc/|ets/|crypto/|abi_shim/|assembly/|ssrlink/ssrlink\.h)' || true)"

for adapter in crypto ets odbc; do
  mapfile -t files < <(sources "adapters/$adapter")
  others=$(printf '%s|' crypto ets odbc | sed -E "s/(^|\|)$adapter\|/\1/; s/\|$//")
  offend "2 (adapters/$adapter includes another adapter)" \
    "$(includes "${files[@]}" | grep -E "\"($others)/" || true)"
  offend "3 (adapters/$adapter includes more of the core than its ports and values)" \
    "$(includes "${files[@]}" | grep -E '"core/' |
       grep -vE "\"core/([^/\"]+\.hpp|(ports|model|text)/[^\"]+)\"" |
       grep -vE "\"$module_ports\"" || true)"
done

mapfile -t outside_shim < <(sources plugin/core adapters tools)
offend "4 (only plugin/abi_shim includes the composition root)" \
  "$(includes "${outside_shim[@]}" | grep -E '"assembly/' || true)"
mapfile -t assembly < <(sources plugin/assembly)
offend "4 (the composition root knows nothing of C)" \
  "$(includes "${assembly[@]}" | grep -E 'ssrlink/ssrlink\.h|abi_shim/' || true)"

mapfile -t own < <(sources plugin adapters)
offend "5 (over 350 lines: split it along a seam)" \
  "$(for file in "${own[@]}"; do
       lines=$(wc -l <"$file")
       [[ $lines -gt 350 ]] && echo "$file:$lines: $lines lines"
     done || true)"

mapfile -t headers < <(find plugin -type f -name '*.hpp' | sort)
offend "6 (a port with more than 6 methods: split it by who uses what)" \
  "$(for file in "${headers[@]}"; do
       methods=$(tr '\n' ' ' <"$file" | grep -oE 'virtual [^;{}]*\)[[:space:]a-z]*=[[:space:]]*0[[:space:]]*;' | wc -l)
       [[ $methods -gt 6 ]] && echo "$file:1: $methods pure virtual functions"
     done || true)"

if [[ $failed -ne 0 ]]; then
  echo "check-architecture: see the rules at the top of tools/check-architecture.sh" >&2
  exit 1
fi
echo "check-architecture: dependencies point inward; files and ports are within bounds"
