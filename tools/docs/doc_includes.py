#!/usr/bin/env python3
"""Holds the docs to the files they quote, so a guide cannot drift from what the tests run.

A Markdown file quotes a repository file with a marker line followed by a fenced block:

    <!-- include: sql/examples/different-names/postgresql/mapping.sql -->
    ```sql
    ...the file's text, exactly...
    ```

  doc_includes.py check ROOT DOC.md [DOC.md ...]   fails naming each block that differs from its
                                                  file (or a marker without a block or a file)
  doc_includes.py write ROOT DOC.md [DOC.md ...]   rewrites each block from its file

ROOT is the repository; include paths are relative to it. The test docs.includes_match_files
runs `check` over docs/dba-guide.md and docs/ets-protocol.md.
"""

import re
import sys
from pathlib import Path

MARKER = re.compile(r"^<!-- include: (?P<path>[^ ]+) -->$")
FENCE = re.compile(r"^```")


def blocks(lines):
    """(marker line index, path, first body line, line after the closing fence) per include."""
    found = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m:
            i += 1
            continue
        if i + 1 >= len(lines) or not FENCE.match(lines[i + 1]):
            raise ValueError(f"line {i + 1}: the include of {m['path']} is not followed by a "
                             "fenced block")
        end = i + 2
        while end < len(lines) and not FENCE.match(lines[end]):
            end += 1
        if end >= len(lines):
            raise ValueError(f"line {i + 2}: the block quoting {m['path']} is never closed")
        found.append((i, m["path"], i + 2, end))
        i = end + 1
    return found


def quoted(root, path):
    file = (root / path).resolve()
    if root.resolve() not in file.parents:
        raise ValueError(f"{path} is outside the repository")
    if not file.is_file():
        raise ValueError(f"{path} does not exist")
    return file.read_text(encoding="utf-8").rstrip("\n").split("\n")


def run(mode, root, docs):
    problems = []
    for doc in docs:
        lines = doc.read_text(encoding="utf-8").split("\n")
        try:
            found = blocks(lines)
        except ValueError as error:
            problems.append(f"{doc}: {error}")
            continue
        if not found:
            problems.append(f"{doc}: no include markers (expected at least one)")
        for marker, path, start, end in reversed(found):
            try:
                text = quoted(root, path)
            except ValueError as error:
                problems.append(f"{doc}:{marker + 1}: {error}")
                continue
            if lines[start:end] != text:
                if mode == "write":
                    lines[start:end] = text
                else:
                    problems.append(f"{doc}:{marker + 1}: the block differs from {path}; run "
                                    f"tools/docs/doc_includes.py write . {doc}")
        if mode == "write":
            doc.write_text("\n".join(lines), encoding="utf-8")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv):
    if len(argv) < 3 or argv[0] not in ("check", "write"):
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[1])
    return run(argv[0], root, [Path(d) if Path(d).is_absolute() else root / d for d in argv[2:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
