#include "odbc/environment.hpp"

#include <sqlext.h>

#include <cstdint>

#include "odbc/diagnostics.hpp"

namespace ssrlink::odbc {

environment::environment() {
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &handle_))) {
    throw database_error("The ODBC driver manager could not start (SQLAllocHandle ENV failed).",
                         {});
  }
  // ODBC passes integer attribute values in its pointer argument.
  const auto version = reinterpret_cast<SQLPOINTER>(  // NOLINT(performance-no-int-to-ptr)
      static_cast<std::uintptr_t>(SQL_OV_ODBC3));
  const SQLRETURN rc = SQLSetEnvAttr(handle_, SQL_ATTR_ODBC_VERSION, version, 0);
  if (!SQL_SUCCEEDED(rc)) {
    diagnostics records = read_diagnostics(SQL_HANDLE_ENV, handle_);
    SQLFreeHandle(SQL_HANDLE_ENV, handle_);
    throw database_error("The ODBC driver manager refused ODBC 3 behaviour.", std::move(records));
  }
}

environment::~environment() {
  SQLFreeHandle(SQL_HANDLE_ENV, handle_);
}

}  // namespace ssrlink::odbc
