#include "odbc/statement.hpp"

#include <sqlext.h>

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "odbc/connection.hpp"
#include "odbc/diagnostics.hpp"

namespace ssrlink::odbc {
namespace {

// Text longer than this goes as a long type; SQL Server refuses VARCHAR beyond 8000 bytes.
constexpr std::size_t long_text = 4000;

}  // namespace

statement::statement(connection &owner, std::string sql) : owner_(owner), sql_(std::move(sql)) {
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, owner_.native(), &handle_))) {
    diagnostics records = read_diagnostics(SQL_HANDLE_DBC, owner_.native());
    handle_ = SQL_NULL_HSTMT;
    throw database_error("The database refused a statement handle.", std::move(records));
  }
  // ODBC passes integer attribute values in its pointer argument.
  const auto timeout = static_cast<std::uintptr_t>(owner_.query_timeout().count());
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  const auto seconds = reinterpret_cast<SQLPOINTER>(timeout);
  SQLSetStmtAttr(handle_, SQL_ATTR_QUERY_TIMEOUT, seconds, 0);
  const SQLRETURN rc = SQLPrepare(handle_, reinterpret_cast<SQLCHAR *>(sql_.data()),
                                  static_cast<SQLINTEGER>(sql_.size()));
  if (!SQL_SUCCEEDED(rc)) {
    diagnostics records = read_diagnostics(SQL_HANDLE_STMT, handle_);
    SQLFreeHandle(SQL_HANDLE_STMT, handle_);
    handle_ = SQL_NULL_HSTMT;
    throw database_error("The database could not prepare a statement.", std::move(records));
  }
}

statement::~statement() {
  if (handle_ != SQL_NULL_HSTMT) {
    SQLFreeHandle(SQL_HANDLE_STMT, handle_);
  }
}

void statement::fail(const char *what) {
  throw database_error(what, read_diagnostics(SQL_HANDLE_STMT, handle_));
}

void statement::execute(std::vector<parameter> params) {
  close();
  SQLFreeStmt(handle_, SQL_RESET_PARAMS);
  // The buffers must stay put until SQLExecute has read them: own them here, sized up front.
  bound_ = std::move(params);
  indicators_.assign(bound_.size(), 0);
  for (std::size_t i = 0; i < bound_.size(); ++i) {
    parameter &p = bound_[i];
    SQLLEN &indicator = indicators_[i];
    const auto number = static_cast<SQLUSMALLINT>(i + 1);
    SQLRETURN rc = SQL_SUCCESS;
    if (p.type() == parameter::kind::integer) {
      indicator = p.is_null() ? SQL_NULL_DATA : 0;
      rc = SQLBindParameter(handle_, number, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0,
                            &p.integer(), 0, &indicator);
    } else {
      std::string &text = p.text();
      indicator = p.is_null() ? SQL_NULL_DATA : static_cast<SQLLEN>(text.size());
      const SQLSMALLINT sql_type = text.size() > long_text ? SQL_LONGVARCHAR : SQL_VARCHAR;
      rc = SQLBindParameter(handle_, number, SQL_PARAM_INPUT, SQL_C_CHAR, sql_type,
                            std::max<SQLULEN>(text.size(), 1), 0, text.data(),
                            static_cast<SQLLEN>(text.size()), &indicator);
    }
    if (!SQL_SUCCEEDED(rc)) {
      fail("The database driver refused a statement parameter.");
    }
  }
  const SQLRETURN rc = SQLExecute(handle_);
  if (!SQL_SUCCEEDED(rc) && rc != SQL_NO_DATA) {
    fail("The database could not run a statement.");
  }
  owner_.count_execution();
}

bool statement::fetch() {
  const SQLRETURN rc = SQLFetch(handle_);
  if (rc == SQL_NO_DATA) {
    return false;
  }
  if (!SQL_SUCCEEDED(rc)) {
    fail("The database could not read a result row.");
  }
  return true;
}

std::optional<std::string> statement::text(SQLUSMALLINT column) {
  // Large enough for a report list in one call; longer values arrive in pieces.
  buffer_.resize(std::size_t{64} * 1024);
  std::string out;
  for (;;) {
    SQLLEN indicator = 0;
    const SQLRETURN rc = SQLGetData(handle_, column, SQL_C_CHAR, buffer_.data(),
                                    static_cast<SQLLEN>(buffer_.size()), &indicator);
    if (rc == SQL_NO_DATA) {
      return out;
    }
    if (!SQL_SUCCEEDED(rc)) {
      fail("The database could not read a text column.");
    }
    if (indicator == SQL_NULL_DATA) {
      return std::nullopt;
    }
    const std::size_t room = buffer_.size() - 1;  // the driver NUL-terminates each piece
    if (indicator == SQL_NO_TOTAL || static_cast<std::size_t>(indicator) > room) {
      out.append(buffer_.data(), room);
      continue;
    }
    out.append(buffer_.data(), static_cast<std::size_t>(indicator));
    return out;
  }
}

std::optional<std::int64_t> statement::integer(SQLUSMALLINT column) {
  std::int64_t value = 0;
  SQLLEN indicator = 0;
  const SQLRETURN rc = SQLGetData(handle_, column, SQL_C_SBIGINT, &value, sizeof value, &indicator);
  if (!SQL_SUCCEEDED(rc)) {
    fail("The database could not read a number column.");
  }
  if (indicator == SQL_NULL_DATA) {
    return std::nullopt;
  }
  return value;
}

std::optional<core::time_point> statement::time(SQLUSMALLINT column) {
  const std::optional<std::int64_t> ms = integer(column);
  if (!ms) {
    return std::nullopt;
  }
  return core::time_point{std::chrono::milliseconds{*ms}};
}

std::int64_t statement::affected_rows() {
  SQLLEN rows = 0;
  if (!SQL_SUCCEEDED(SQLRowCount(handle_, &rows))) {
    fail("The database could not count changed rows.");
  }
  return static_cast<std::int64_t>(rows);
}

void statement::close() noexcept {
  SQLFreeStmt(handle_, SQL_CLOSE);
}

}  // namespace ssrlink::odbc
