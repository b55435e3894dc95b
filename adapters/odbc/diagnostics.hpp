// ODBC diagnostics: read right after the failing call (the next call on a handle discards them),
// classified, and carried in a database_error so the pool can tell a dropped connection from a
// missing view.
#pragma once

#include <sql.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ssrlink::odbc {

struct diagnostic {
  std::string sqlstate;  // five characters, "08001"
  long native = 0;       // the driver's own code
  std::string text;      // the driver's message; may name objects, never holds a password
};

using diagnostics = std::vector<diagnostic>;

// Drains every record of `handle` (SQLGetDiagRec until SQL_NO_DATA). Never throws on driver
// misbehaviour; returns what it could read.
diagnostics read_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle);

// "SQLSTATE 42P01, native 7: ERROR: relation ..." joined with " | ", for failure::detail().
std::string describe(const diagnostics &records);

// The first SQLSTATE, or "HY000" when the driver left none.
std::string first_sqlstate(const diagnostics &records);

// True when the records say the session is gone (08xxx, 57P01..57P03, or the texts drivers
// use when the socket died), so the connection must be discarded and the work retried once.
bool is_connection_lost(const diagnostics &records);

// True when a table or view the statement uses does not exist (42S02, 42P01, SQLite's
// "no such table").
bool is_missing_object(const diagnostics &records);
// True when the driver said a column does not exist (SQLSTATE 42703, 42S22, or the SQLite text).
bool is_missing_column(const diagnostics &records);
// True when a unique key or primary key said no: another process wrote the row first.
// PostgreSQL and SQL Server say so with SQLSTATE 23xxx; the SQLite driver reports HY000 with
// SQLite's own message.
bool is_duplicate_key(const diagnostics &records);

// A database failure with the driver's diagnostics kept for classification.
class database_error : public core::failure {
 public:
  database_error(const std::string &message, diagnostics records)
      : core::failure(core::status::database, message, describe(records)),
        records_(std::move(records)) {}

  const diagnostics &records() const noexcept { return records_; }

 private:
  diagnostics records_;
};

}  // namespace ssrlink::odbc
