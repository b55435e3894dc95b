// Many rows in few INSERT statements: "INSERT INTO t (...) VALUES (?, ...), (?, ...), ...". The
// sweep writes a batch of students' log and outbox rows this way (odbc_report_log::record_all),
// so the database parses, plans and answers one statement for up to max_rows_per_statement rows
// instead of one per row. The rows go in chunks of a power of two, so a connection prepares at
// most one statement per chunk size and table, and reuses them from batch to batch.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "odbc/connection.hpp"
#include "odbc/statement.hpp"

namespace ssrlink::odbc {

inline constexpr std::size_t max_rows_per_statement = 32;

// `head` is "INSERT INTO t (a, b, c) VALUES "; `row` one row's values, "(?, ?, NULL)", with
// `width` markers; `values` every row's parameters, row after row (a multiple of `width`). A
// dialect the adapter does not know (dialect::other) gets one row per statement. Throws
// database_error (a duplicate-key one when a row already exists); the caller owns the
// transaction, and a failure leaves the rows of earlier chunks in it.
void insert_rows(connection &c, std::string_view head, std::string_view row, std::size_t width,
                 std::vector<parameter> values);

}  // namespace ssrlink::odbc
