// Reading query plans: which base tables a plan reads whole. Pure functions over the text the
// database returns, so they are tested over hand-written plans.
//
// Rules:
//  1. PostgreSQL (EXPLAIN (FORMAT JSON)): a node on a base table ("Relation Name") reads it
//     whole when it is a Seq Scan, an Index Scan or Index Only Scan without "Index Cond" (it
//     walks the whole index, usually for an ORDER BY), or a Bitmap Heap Scan without
//     "Recheck Cond". The condition shown with it is the node's "Filter", else the nearest
//     enclosing join's "Hash Cond", "Merge Cond" or "Join Filter".
//  2. SQLite (EXPLAIN QUERY PLAN, the detail column): "SCAN x" reads x whole, also "SCAN x
//     USING [COVERING] INDEX i" (the whole index); "SEARCH x USING AUTOMATIC ... INDEX" builds a
//     temporary index by reading x whole. "SCAN CONSTANT ROW" and scans of subqueries
//     ("SCAN (subquery-1)", co-routines) read no table.
//  3. SQLite names a table by its alias inside the view ("SCAN s"): the alias is resolved
//     through the FROM and JOIN clauses of the schema's definitions (`name [AS] alias`) to the
//     tables that use it; an alias no definition explains is taken as the table's own name.
//     When two views use one alias for different tables, the tables the statement's bytecode
//     walks from the start (a Rewind on a cursor of the table or of one of its indexes) decide.
//  4. When the bytecode is known, a whole read (rule 2) counts only for the tables it walks from
//     the start: a "SCAN x" whose tables it never walks read no base table but rows SQLite
//     gathered first, such as a view it materialized (the plan's MATERIALIZE lines show how
//     those were read) under an alias a view's definition also uses for a table.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/mapping_check/mapping_observations.hpp"

namespace ssrlink::odbc {

struct parsed_plan {
  std::vector<std::string> lines;            // one per node, indented by depth
  std::vector<core::table_scan> full_scans;  // rules 1 and 2
  std::vector<std::string> tables;           // every base table the plan touches
  std::string problem;                       // set when the text was no plan
};

// Rule 1. `json` is the single value PostgreSQL returns.
parsed_plan parse_postgres_plan(std::string_view json);

// The tables of the schema and the definitions of its views, for rule 3.
struct sqlite_schema {
  std::vector<std::string> tables;
  std::vector<std::string> definitions;
};

// What the statement's bytecode says, for rules 3 and 4: the tables it walks from the start.
// `known` is false when the bytecode was not read (a hand-written plan).
struct sqlite_walks {
  bool known = false;
  std::vector<std::string> tables;
};

// Rules 2 to 4. `details`: the detail column of each EXPLAIN QUERY PLAN row, in order, with its
// depth (0 for top-level rows).
parsed_plan parse_sqlite_plan(const std::vector<std::pair<int, std::string>> &details,
                              const sqlite_schema &schema, const sqlite_walks &walks = {});

// Rule 3 alone: the tables `alias` may stand for, in schema order, at least one name.
std::vector<std::string> sqlite_alias_tables(std::string_view alias, const sqlite_schema &schema);

}  // namespace ssrlink::odbc
