#include "odbc/connection.hpp"

#include <sqlext.h>

#include <cstdint>

#include "odbc/diagnostics.hpp"

namespace ssrlink::odbc {
namespace {

// ODBC passes integer attribute values in its pointer argument.
SQLPOINTER as_pointer(std::uintptr_t value) {
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  return reinterpret_cast<SQLPOINTER>(value);
}

}  // namespace

connection::connection(std::shared_ptr<environment> env, const std::string &connection_string,
                       const connection_options &options, std::atomic<std::uint64_t> *executed)
    : env_(std::move(env)), options_(options), executed_(executed) {
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env_->native(), &handle_))) {
    throw database_error(
        "Cannot connect to the database (the ODBC driver manager refused a "
        "connection handle).",
        read_diagnostics(SQL_HANDLE_ENV, env_->native()));
  }
  // Set before connecting: the login timeout bounds how long a page waits for a dead server.
  SQLSetConnectAttr(handle_, SQL_ATTR_LOGIN_TIMEOUT,
                    as_pointer(static_cast<std::uintptr_t>(options_.login_timeout.count())), 0);
  SQLCHAR completed[1024];
  SQLSMALLINT completed_length = 0;
  std::string in = connection_string;
  SQLRETURN rc = SQLDriverConnect(handle_, nullptr, reinterpret_cast<SQLCHAR *>(in.data()),
                                  static_cast<SQLSMALLINT>(in.size()), completed, sizeof completed,
                                  &completed_length, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc)) {
    diagnostics records = read_diagnostics(SQL_HANDLE_DBC, handle_);
    SQLFreeHandle(SQL_HANDLE_DBC, handle_);
    handle_ = SQL_NULL_HDBC;
    // The sentence first: argument evaluation order must not see `records` moved.
    const std::string message = "Cannot connect to the database (SQLSTATE " +
                                first_sqlstate(records) +
                                "); check the ODBC connection string or DSN and that the "
                                "database server is running (docs/dba-guide.md).";
    throw database_error(message, std::move(records));
  }
  connected_ = true;
  char name[256] = {};
  SQLSMALLINT name_length = 0;
  if (SQL_SUCCEEDED(SQLGetInfo(handle_, SQL_DBMS_NAME, name, sizeof name, &name_length))) {
    dbms_name_ = name;
  }
  dialect_ = dialect_from_dbms_name(dbms_name_);
}

connection::~connection() {
  prepared_.clear();  // statements before their connection, as ODBC requires
  if (connected_) {
    SQLDisconnect(handle_);
  }
  if (handle_ != SQL_NULL_HDBC) {
    SQLFreeHandle(SQL_HANDLE_DBC, handle_);
  }
}

statement &connection::prepare(const std::string &sql) {
  auto found = prepared_.find(sql);
  if (found != prepared_.end()) {
    return *found->second;
  }
  auto made = std::make_unique<statement>(*this, sql);
  statement &result = *made;
  prepared_.emplace(sql, std::move(made));
  return result;
}

void connection::count_execution() noexcept {
  if (executed_ != nullptr) {
    executed_->fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace ssrlink::odbc
