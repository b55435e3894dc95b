#!/usr/bin/env bash
# The README's demo command. Installs what is missing, builds ssrlink, and runs the demo.
# (The full demo — SQLite demo district, fake ETS and the reference host web page — arrives with
# the report page; until then this shows the library loading and what is not built yet.)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/setup-debian.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j "$(nproc)" --target ssrlink
python3 - "$root/build/plugin/libssrlink.so" <<'PY'
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.ssrlink_abi_version.restype = ctypes.c_uint32
print(f"libssrlink loaded: ABI version {lib.ssrlink_abi_version()}")
print("Not built yet: the report page, the demo district and the reference host web page.")
PY
