// One ODBC connection (SQLAllocHandle DBC → login timeout → SQLDriverConnect), with the
// statements it has prepared kept for reuse. Not thread-safe: the pool hands a connection to
// one thread at a time.
#pragma once

#include <sql.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "odbc/dialect.hpp"
#include "odbc/environment.hpp"
#include "odbc/statement.hpp"

namespace ssrlink::odbc {

struct connection_options {
  std::chrono::seconds login_timeout{5};   // SQL_ATTR_LOGIN_TIMEOUT
  std::chrono::seconds query_timeout{15};  // SQL_ATTR_QUERY_TIMEOUT on every statement
};

class connection {
 public:
  // Connects at once. `executed` (may be null) counts every SQLExecute on this connection and
  // must outlive it. Throws database_error "Cannot connect to the database (SQLSTATE ...)"; the
  // connection string never appears in the message or the detail, as it may hold a password.
  connection(std::shared_ptr<environment> env, const std::string &connection_string,
             const connection_options &options, std::atomic<std::uint64_t> *executed);
  ~connection();
  connection(const connection &) = delete;
  connection &operator=(const connection &) = delete;

  // The statement for `sql`, prepared on first use and reused afterwards (prepared statements
  // are what keeps a page request cheap). The reference stays valid while the connection lives.
  statement &prepare(const std::string &sql);

  dialect sql_dialect() const noexcept { return dialect_; }
  const std::string &dbms_name() const noexcept { return dbms_name_; }
  std::chrono::seconds query_timeout() const noexcept { return options_.query_timeout; }
  SQLHDBC native() const noexcept { return handle_; }

  // Called by statement after each successful SQLExecute.
  void count_execution() noexcept;

 private:
  std::shared_ptr<environment> env_;
  connection_options options_;
  std::atomic<std::uint64_t> *executed_;
  SQLHDBC handle_ = SQL_NULL_HDBC;
  bool connected_ = false;
  dialect dialect_ = dialect::other;
  std::string dbms_name_;
  std::unordered_map<std::string, std::unique_ptr<statement>> prepared_;
};

}  // namespace ssrlink::odbc
