#include "manual_transaction.hpp"

#include <sqlext.h>

#include "odbc/diagnostics.hpp"

namespace ssrlink::odbc {

namespace {

void set_autocommit(connection &c, bool on) {
  // ODBC passes integer attribute values in its pointer argument.
  const SQLRETURN rc = SQLSetConnectAttr(c.native(), SQL_ATTR_AUTOCOMMIT,
                                         // NOLINTNEXTLINE(performance-no-int-to-ptr)
                                         reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(
                                             on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF)),
                                         SQL_IS_UINTEGER);
  if (!SQL_SUCCEEDED(rc)) {
    throw database_error("The database could not start a transaction.",
                         read_diagnostics(SQL_HANDLE_DBC, c.native()));
  }
}

}  // namespace

manual_transaction::manual_transaction(connection &c) : connection_(c) {
  set_autocommit(connection_, false);
}

manual_transaction::~manual_transaction() {
  if (open_) {
    end(SQL_ROLLBACK);
  }
  try {
    set_autocommit(connection_, true);
  } catch (const database_error &) {
    // A connection that cannot leave manual commit is broken; the next use reports it.
  }
}

void manual_transaction::commit() {
  const SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, connection_.native(), SQL_COMMIT);
  if (!SQL_SUCCEEDED(rc)) {
    diagnostics records = read_diagnostics(SQL_HANDLE_DBC, connection_.native());
    end(SQL_ROLLBACK);
    throw database_error("The database could not commit the transaction.", std::move(records));
  }
  open_ = false;
}

void manual_transaction::end(SQLSMALLINT completion) noexcept {
  SQLEndTran(SQL_HANDLE_DBC, connection_.native(), completion);
  open_ = false;
}

}  // namespace ssrlink::odbc
