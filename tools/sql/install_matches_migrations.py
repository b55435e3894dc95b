#!/usr/bin/env python3
"""install.sql describes exactly the schema the migrations build (SQLite).

    install_matches_migrations.py <sql dir>

Why not a byte-for-byte copy of the migrations: install.sql is the current schema folded into
one idempotent script for a NEW database (every table in its final shape, CREATE ... IF NOT
EXISTS only), while the migrations are the history an existing database replays once each.
SQLite cannot add a column only when it is missing, so the migrations' ALTER TABLE statements can
neither be rerun nor run on a fresh reference host (whose STU and CON already have PU).
The migrations are the truth; this check holds install.sql to them:

  1. a new database: reference-host.sql, then install.sql;
  2. an upgraded one: the reference host as it was before version 3 (no STU.PU, CON.PU), then
     every migrations/NNNN_*.sql in order, once each;
  3. both must have the same tables (columns in order with type, NOT NULL, default and primary
     key position), the same indexes (unique or not, columns, partial or not), the same views
     (columns and SELECT text) and the same ssrlink_schema_version rows;
  4. install.sql run again on either database changes none of that (it is safe to rerun).

Exits 1 with every difference named, 0 when the two agree.
"""
import pathlib
import re
import sqlite3
import sys
import tempfile

# The reference host before migration 0003 gave STU and CON their portal account columns.
AGE_REFERENCE_HOST = """
DROP INDEX CON_PU;
ALTER TABLE STU DROP COLUMN PU;
ALTER TABLE CON DROP COLUMN PU;
"""


def run(db, path):
    try:
        db.executescript(path.read_text(encoding="utf-8"))
    except sqlite3.Error as error:
        raise SystemExit(f"FAIL: {path.name}: {error}")


def view_body(sql):
    # "CREATE VIEW [IF NOT EXISTS] name AS <select>": the SELECT, whitespace collapsed.
    body = re.split(r"\bAS\b", sql, maxsplit=1, flags=re.IGNORECASE)[1]
    return " ".join(body.split())


def schema(db):
    """Everything a plugin or a DBA can observe of the schema, as comparable values."""
    shape = {}
    objects = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    for kind, name, sql in objects:
        if kind == "table":
            shape[("table", name)] = [
                (column, declared.upper(), notnull, default, pk)
                for _, column, declared, notnull, default, pk in db.execute(
                    f"PRAGMA table_info('{name}')")
            ]
            for _, index, unique, origin, partial in db.execute(f"PRAGMA index_list('{name}')"):
                columns = [row[2] for row in db.execute(f"PRAGMA index_info('{index}')")]
                # Indexes SQLite makes for PRIMARY KEY and UNIQUE constraints are named by
                # position (sqlite_autoindex_T_N): name them by what they cover instead.
                key = index if origin == "c" else f"{origin} constraint on {name}"
                shape[("index", f"{key} {columns}")] = (name, unique, columns, partial)
        elif kind == "view":
            columns = [row[1] for row in db.execute(f"PRAGMA table_info('{name}')")]
            shape[("view", name)] = (columns, view_body(sql))
    shape[("rows", "ssrlink_schema_version")] = sorted(
        db.execute("SELECT version, description FROM ssrlink_schema_version"))
    return shape


def differences(left_name, left, right_name, right):
    found = []
    for key in sorted(set(left) | set(right)):
        if key not in right:
            found.append(f"{key[0]} {key[1]}: only in {left_name}: {left[key]}")
        elif key not in left:
            found.append(f"{key[0]} {key[1]}: only in {right_name}: {right[key]}")
        elif left[key] != right[key]:
            found.append(f"{key[0]} {key[1]}:\n    {left_name}: {left[key]}\n"
                         f"    {right_name}: {right[key]}")
    return found


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sql = pathlib.Path(sys.argv[1]) / "sqlite"
    migrations = sorted((sql / "migrations").glob("[0-9][0-9][0-9][0-9]_*.sql"))
    if not migrations:
        raise SystemExit(f"FAIL: no migrations in {sql / 'migrations'}")
    with tempfile.TemporaryDirectory(prefix="ssrlink-sql-") as scratch:
        # 1.
        fresh = sqlite3.connect(pathlib.Path(scratch) / "install.db", isolation_level=None)
        run(fresh, sql / "reference-host.sql")
        run(fresh, sql / "install.sql")
        # 2.
        upgraded = sqlite3.connect(pathlib.Path(scratch) / "migrated.db", isolation_level=None)
        run(upgraded, sql / "reference-host.sql")
        upgraded.executescript(AGE_REFERENCE_HOST)
        for migration in migrations:
            run(upgraded, migration)
        # 3.
        installed, migrated = schema(fresh), schema(upgraded)
        problems = differences("install.sql", installed, "the migrations", migrated)
        # 4.
        for name, db, before in (("install.sql", fresh, installed),
                                 ("the migrations", upgraded, migrated)):
            run(db, sql / "install.sql")
            problems += [f"install.sql rerun on {name}'s database changed {p}"
                         for p in differences("before", before, "after", schema(db))]
    if problems:
        print(f"FAIL: sql/sqlite/install.sql and sql/sqlite/migrations/ disagree "
              f"({len(problems)}):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"sql/sqlite/install.sql builds what {len(migrations)} migrations build: "
          f"{sum(1 for k in installed if k[0] == 'table')} tables, "
          f"{sum(1 for k in installed if k[0] == 'index')} indexes, "
          f"{sum(1 for k in installed if k[0] == 'view')} views")
    return 0


if __name__ == "__main__":
    sys.exit(main())
