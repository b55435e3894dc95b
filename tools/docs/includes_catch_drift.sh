#!/usr/bin/env bash
# docs.includes_catch_drift: doc_includes.py check fails on a block that differs from its file, on
# a marker without a block and on a missing file, and passes once `write` has refreshed the block.
set -euo pipefail
python=${1:?python3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sql"
printf 'SELECT 1;\nSELECT 2;\n' > "$work/sql/a.sql"
printf '# Guide\n\n<!-- include: sql/a.sql -->\n```sql\nSELECT 1;\n```\n' > "$work/guide.md"
if "$python" "$here/doc_includes.py" check "$work" guide.md 2> "$work/err"; then
  echo "FAIL: a drifted block passed"; exit 1
fi
grep -q "differs from sql/a.sql" "$work/err" || { echo "FAIL: no sentence naming the file"; cat "$work/err"; exit 1; }
"$python" "$here/doc_includes.py" write "$work" guide.md
"$python" "$here/doc_includes.py" check "$work" guide.md || { echo "FAIL: write did not refresh"; exit 1; }
grep -q "SELECT 2;" "$work/guide.md" || { echo "FAIL: block not rewritten"; exit 1; }
printf '<!-- include: sql/missing.sql -->\n```sql\n```\n' > "$work/missing.md"
if "$python" "$here/doc_includes.py" check "$work" missing.md 2> "$work/err"; then
  echo "FAIL: a missing file passed"; exit 1
fi
grep -q "does not exist" "$work/err" || { echo "FAIL: missing file not named"; exit 1; }
printf '<!-- include: sql/a.sql -->\ntext\n' > "$work/nofence.md"
if "$python" "$here/doc_includes.py" check "$work" nofence.md 2> /dev/null; then
  echo "FAIL: a marker without a block passed"; exit 1
fi
echo "docs.includes_catch_drift: ok"
