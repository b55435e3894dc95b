// The ODBC environment handle (SQLAllocHandle ENV, then ODBC 3 behaviour), shared by every
// connection of a pool. Freed after the last connection that holds it.
#pragma once

#include <sql.h>

namespace ssrlink::odbc {

class environment {
 public:
  // Throws database_error when the driver manager cannot allocate the handle.
  environment();
  ~environment();
  environment(const environment &) = delete;
  environment &operator=(const environment &) = delete;

  SQLHENV native() const noexcept { return handle_; }

 private:
  SQLHENV handle_ = SQL_NULL_HENV;
};

}  // namespace ssrlink::odbc
