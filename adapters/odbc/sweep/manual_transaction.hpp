// One database transaction on a pooled connection: autocommit off (SQL_ATTR_AUTOCOMMIT) until
// commit() ends it with SQLEndTran; destroyed without commit() it rolls back. Either way the
// connection goes back to the pool in autocommit mode.
#pragma once

#include "odbc/connection.hpp"

namespace ssrlink::odbc {

class manual_transaction {
 public:
  // Throws database_error when the driver refuses manual commit.
  explicit manual_transaction(connection &c);
  ~manual_transaction();
  manual_transaction(const manual_transaction &) = delete;
  manual_transaction &operator=(const manual_transaction &) = delete;

  // Throws database_error when the commit fails (the transaction is then rolled back).
  void commit();

 private:
  void end(SQLSMALLINT completion) noexcept;

  connection &connection_;
  bool open_ = true;
};

}  // namespace ssrlink::odbc
