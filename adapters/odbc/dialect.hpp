// The SQL dialects the adapter knows, detected from the connection (SQLGetInfo SQL_DBMS_NAME),
// for the few statements that differ (upsert syntax, row limits).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ssrlink::odbc {

enum class dialect { sqlite, postgresql, sqlserver, other };

// Maps a DBMS name as drivers report it ("SQLite", "PostgreSQL", "Microsoft SQL Server") onto a
// dialect; anything else is `other`, which gets the standard-SQL spellings.
dialect dialect_from_dbms_name(std::string_view dbms_name);

// The folder name under sql/ ("sqlite", "postgresql", "sqlserver"); "<dialect>" for other.
std::string_view dialect_folder(dialect d);

// "SELECT ... <limit_clause>" or "SELECT <top_clause> ...": one of the two is empty.
std::string limit_suffix(dialect d, unsigned rows);
std::string top_prefix(dialect d, unsigned rows);

// An INSERT that does nothing when a row with the same value in a unique key already exists, for
// `values` placeholders ("?, ?, ?"). When `key_bound_again` is set the statement takes the key's
// value once more as its last parameter (the NOT EXISTS form of SQL Server and other DBMSs).
struct insert_once {
  std::string sql;
  bool key_bound_again = false;
};
insert_once insert_once_sql(dialect d, std::string_view table, std::string_view columns,
                            std::string_view values, std::string_view key_column);

}  // namespace ssrlink::odbc

namespace ssrlink::odbc {

// An INSERT that replaces the row with the same `key_column` value: the key and then
// `value_columns` are bound in that order ("?" each). SQLite, PostgreSQL and other DBMSs get
// INSERT ... ON CONFLICT (key) DO UPDATE; SQL Server, which has no ON CONFLICT, gets MERGE WITH
// (HOLDLOCK), the lock that leaves no gap between the match and the insert for a second writer.
// Either way the last writer wins.
std::string upsert_sql(dialect d, std::string_view table, std::string_view key_column,
                       const std::vector<std::string_view> &value_columns);

}  // namespace ssrlink::odbc
