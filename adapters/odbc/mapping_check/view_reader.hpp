// Reading one ssrlink_* view the way check-mapping needs it: probe that the view and each
// contract column are there (the database names what is missing), stream every row in key
// order as text, and read the view's definition. Database errors become observations carrying
// the database's own sentence; only a lost connection is rethrown, for the pool to retry.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapping_check/mapping_observations.hpp"
#include "odbc/connection.hpp"
#include "odbc/diagnostics.hpp"

namespace ssrlink::odbc {

// The database's sentence ("SQLSTATE 42703: ERROR: column "x" does not exist"), on one line.
// Rethrows `error` when it says the connection is gone.
std::string database_sentence(const database_error &error);

// Whether `view` can be read and which of `columns` it has ("SELECT <column> FROM <view> WHERE
// 1 = 0" each, so a missing column is named exactly).
core::view_observation probe_view(connection &c, std::string_view view,
                                  const std::vector<std::string_view> &columns);

// The view's SQL as the database keeps it (PostgreSQL pg_get_viewdef, SQLite sqlite_master.sql,
// SQL Server OBJECT_DEFINITION), or nullopt.
std::optional<std::string> view_definition(connection &c, std::string_view view);

// One column of a streamed row: its contract name, the expression that reads it (the column
// itself, or the plugin's cast), and the cells are handed over in this order.
struct read_column {
  std::string_view name;
  std::string_view expression;
};

// Streams "SELECT <expressions> FROM <from> ORDER BY <order_by>" to `row`, a missing column read
// as NULL. PostgreSQL reads through a server-side cursor, 1000 rows at a time, in a transaction
// rolled back afterwards (psqlODBC would otherwise hold the whole result in memory). Sets
// view.rows_read, or view.read_problem.
void stream_view(connection &c, core::view_observation &view, std::string_view from,
                 const std::vector<read_column> &columns, std::string_view order_by,
                 const std::function<void(const std::vector<core::cell> &)> &row);

// The first row of `select` (which carries its own row limit) with `params`, or nullopt when
// there is none or it fails (a sample is a nicety, not a check).
std::optional<std::vector<core::cell>> first_row(connection &c, const std::string &select,
                                                 std::vector<parameter> params, unsigned columns);

// A cell holding a whole number as a number; nullopt for NULL or anything else.
std::optional<std::int64_t> integer_cell(const core::cell &value);

}  // namespace ssrlink::odbc
