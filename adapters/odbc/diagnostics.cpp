#include "odbc/diagnostics.hpp"

#include <sqlext.h>

#include <algorithm>

#include "core/text/ascii.hpp"

namespace ssrlink::odbc {
namespace {

bool contains(const diagnostics &records, std::string_view needle) {
  return std::any_of(records.begin(), records.end(),
                     [&](const diagnostic &d) { return core::ascii_contains_ci(d.text, needle); });
}

}  // namespace

diagnostics read_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle) {
  diagnostics out;
  if (handle == SQL_NULL_HANDLE) {
    return out;
  }
  // A bound on the record count: some drivers keep answering the same record forever.
  for (SQLSMALLINT i = 1; i <= 32; ++i) {
    SQLCHAR state[6] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    std::string text(512, '\0');
    SQLRETURN rc = SQLGetDiagRec(handle_type, handle, i, state, &native,
                                 reinterpret_cast<SQLCHAR *>(text.data()),
                                 static_cast<SQLSMALLINT>(text.size()), &length);
    if (rc == SQL_SUCCESS_WITH_INFO && length >= static_cast<SQLSMALLINT>(text.size())) {
      // Asked once for the length; ask again with room for all of it.
      text.assign(static_cast<std::size_t>(length) + 1, '\0');
      rc = SQLGetDiagRec(handle_type, handle, i, state, &native,
                         reinterpret_cast<SQLCHAR *>(text.data()),
                         static_cast<SQLSMALLINT>(text.size()), &length);
    }
    if (!SQL_SUCCEEDED(rc)) {
      break;
    }
    text.resize(
        std::min(static_cast<std::size_t>(std::max<SQLSMALLINT>(length, 0)), text.size() - 1));
    out.push_back({std::string(reinterpret_cast<const char *>(state)), native, std::move(text)});
  }
  return out;
}

std::string describe(const diagnostics &records) {
  std::string out;
  for (const diagnostic &d : records) {
    if (!out.empty()) {
      out += " | ";
    }
    out += "SQLSTATE " + d.sqlstate + ", native " + std::to_string(d.native) + ": " + d.text;
  }
  return out.empty() ? std::string("no diagnostics from the driver") : out;
}

std::string first_sqlstate(const diagnostics &records) {
  return records.empty() || records.front().sqlstate.empty() ? std::string("HY000")
                                                             : records.front().sqlstate;
}

bool is_connection_lost(const diagnostics &records) {
  for (const diagnostic &d : records) {
    const std::string_view s = d.sqlstate;
    if (s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03") {
      return true;
    }
  }
  // psqlODBC reports a backend killed between statements with a generic state and these texts.
  return contains(records, "server closed the connection") ||
         contains(records, "connection has been lost") || contains(records, "connection dead") ||
         contains(records, "terminating connection") || contains(records, "could not send") ||
         contains(records, "no connection to the server") ||
         contains(records, "connection is dead") || contains(records, "communication link");
}

bool is_missing_object(const diagnostics &records) {
  for (const diagnostic &d : records) {
    if (d.sqlstate == "42S02" || d.sqlstate == "42P01") {
      return true;
    }
  }
  return contains(records, "no such table") || contains(records, "invalid object name");
}

bool is_missing_column(const diagnostics &records) {
  for (const diagnostic &d : records) {
    if (d.sqlstate == "42703" || d.sqlstate == "42S22") {
      return true;
    }
  }
  return contains(records, "no such column") || contains(records, "invalid column name");
}

bool is_duplicate_key(const diagnostics &records) {
  if (first_sqlstate(records).starts_with("23")) {
    return true;
  }
  for (const diagnostic &d : records) {
    if (d.text.find("UNIQUE constraint failed") != std::string::npos ||
        d.text.find("PRIMARY KEY must be unique") != std::string::npos ||
        d.text.find("is not unique") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace ssrlink::odbc
