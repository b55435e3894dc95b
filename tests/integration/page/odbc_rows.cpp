#include "odbc_rows.hpp"

#include <sql.h>
#include <sqlext.h>

#include <stdexcept>

namespace ssrlink::e2e {
namespace {

// The first diagnostic record of `handle`, for the exception text.
std::string diagnostic(SQLSMALLINT type, SQLHANDLE handle) {
  SQLCHAR state[6] = {};
  SQLCHAR text[1024] = {};
  SQLINTEGER native = 0;
  SQLSMALLINT length = 0;
  if (SQL_SUCCEEDED(SQLGetDiagRec(type, handle, 1, state, &native, text, sizeof text, &length))) {
    return std::string(reinterpret_cast<const char *>(state)) + ": " +
           reinterpret_cast<const char *>(text);
  }
  return "no diagnostic";
}

// Environment, connection and statement handles, freed in reverse order.
class session {
 public:
  explicit session(const std::string &connection_string) {
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
    SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
    std::string in = connection_string;
    if (!SQL_SUCCEEDED(SQLDriverConnect(dbc_, nullptr, reinterpret_cast<SQLCHAR *>(in.data()),
                                        SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT))) {
      const std::string why = diagnostic(SQL_HANDLE_DBC, dbc_);
      release();
      throw std::runtime_error("ODBC connect failed: " + why);
    }
    connected_ = true;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &stmt_);
  }
  ~session() { release(); }
  session(const session &) = delete;
  session &operator=(const session &) = delete;

  void execute(const std::string &sql) {
    std::string text = sql;
    const SQLRETURN rc = SQLExecDirect(stmt_, reinterpret_cast<SQLCHAR *>(text.data()), SQL_NTS);
    // SQL_NO_DATA: a statement that touched no row (a DELETE of nothing) succeeded.
    if (!SQL_SUCCEEDED(rc) && rc != SQL_NO_DATA) {
      throw std::runtime_error("ODBC failed on '" + sql +
                               "': " + diagnostic(SQL_HANDLE_STMT, stmt_));
    }
  }

  std::vector<std::string> rows() {
    SQLSMALLINT columns = 0;
    SQLNumResultCols(stmt_, &columns);
    std::vector<std::string> out;
    while (SQL_SUCCEEDED(SQLFetch(stmt_))) {
      std::string row;
      for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(columns); ++c) {
        if (c > 1) {
          row += '|';
        }
        row += column(c);  // appended: "|" + std::string trips GCC 12's -O3 -Wrestrict
      }
      out.push_back(std::move(row));
    }
    return out;
  }

 private:
  // One column of the current row as text, read in pieces (a long column comes in several).
  std::string column(SQLUSMALLINT c) {
    std::string value;
    char piece[4096];
    for (;;) {
      SQLLEN indicator = 0;
      const SQLRETURN rc = SQLGetData(stmt_, c, SQL_C_CHAR, piece, sizeof piece, &indicator);
      if (rc == SQL_NO_DATA) {
        break;
      }
      if (!SQL_SUCCEEDED(rc)) {
        throw std::runtime_error("SQLGetData failed: " + diagnostic(SQL_HANDLE_STMT, stmt_));
      }
      if (indicator == SQL_NULL_DATA) {
        return "NULL";
      }
      const bool more = rc == SQL_SUCCESS_WITH_INFO;
      value += more ? std::string(piece, sizeof piece - 1) : std::string(piece);
      if (!more) {
        break;
      }
    }
    return value;
  }

  void release() {
    if (stmt_ != SQL_NULL_HANDLE) {
      SQLFreeHandle(SQL_HANDLE_STMT, stmt_);
      stmt_ = SQL_NULL_HANDLE;
    }
    if (connected_) {
      SQLDisconnect(dbc_);
      connected_ = false;
    }
    if (dbc_ != SQL_NULL_HANDLE) {
      SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
      dbc_ = SQL_NULL_HANDLE;
    }
    if (env_ != SQL_NULL_HANDLE) {
      SQLFreeHandle(SQL_HANDLE_ENV, env_);
      env_ = SQL_NULL_HANDLE;
    }
  }

  SQLHENV env_ = SQL_NULL_HANDLE;
  SQLHDBC dbc_ = SQL_NULL_HANDLE;
  SQLHSTMT stmt_ = SQL_NULL_HANDLE;
  bool connected_ = false;
};

}  // namespace

std::vector<std::string> odbc_rows(const std::string &connection_string, const std::string &sql) {
  session s(connection_string);
  s.execute(sql);
  return s.rows();
}

void odbc_execute(const std::string &connection_string, const std::string &sql) {
  session s(connection_string);
  s.execute(sql);
}

}  // namespace ssrlink::e2e
