// The test's own view of a database: plain unixODBC calls, independent of the library's ODBC
// adapter, so what the tests read back is not filtered through the code under test. The same
// SQL then reads a SQLite file and a PostgreSQL database.
#pragma once

#include <string>
#include <vector>

namespace ssrlink::e2e {

// Runs `sql` on a new connection and returns every row, its columns as text joined by '|'
// (NULL as "NULL"). Throws std::runtime_error with the driver's message on failure.
std::vector<std::string> odbc_rows(const std::string &connection_string, const std::string &sql);

// Runs a statement that returns no rows (DDL, INSERT, ...); throws like odbc_rows.
void odbc_execute(const std::string &connection_string, const std::string &sql);

}  // namespace ssrlink::e2e
