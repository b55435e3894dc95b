// A prepared ODBC statement whose values travel only as bound parameters (SQLBindParameter);
// no SQL is ever built from a value. Text is UTF-8 bytes bound as SQL_C_CHAR. Owned by its
// connection; not thread-safe.
#pragma once

#include <sql.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace ssrlink::odbc {

class connection;

// One bound value: a 64-bit integer or UTF-8 text, either of which may be NULL (typed, so that
// "column = ?" with a NULL integer still type-checks on PostgreSQL). Instants travel as integers
// too: every time column of the schema holds Unix milliseconds (BIGINT), the unit of
// core::time_point, so this is the one place that converts between them.
class parameter {
 public:
  enum class kind { integer, text };

  static parameter of(std::int64_t value) { return parameter(kind::integer, false, value, {}); }
  static parameter of(std::string_view value) {
    return parameter(kind::text, false, 0, std::string(value));
  }
  static parameter of(std::optional<std::int64_t> value) {
    // value_or rather than `value ? *value : ...`: GCC 12 at -O2 misreports the latter as
    // maybe-uninitialized.
    return parameter(kind::integer, !value.has_value(), value.value_or(0), {});
  }
  static parameter of(core::time_point value) {
    return of(static_cast<std::int64_t>(value.time_since_epoch().count()));
  }
  static parameter of(std::optional<core::time_point> value) {
    const std::int64_t ms = value.value_or(core::time_point{}).time_since_epoch().count();
    return parameter(kind::integer, !value.has_value(), ms, {});
  }
  static parameter null_integer() { return parameter(kind::integer, true, 0, {}); }
  static parameter null_text() { return parameter(kind::text, true, 0, {}); }

  kind type() const noexcept { return kind_; }
  bool is_null() const noexcept { return null_; }
  std::int64_t &integer() noexcept { return integer_; }
  std::string &text() noexcept { return text_; }

 private:
  parameter(kind k, bool null, std::int64_t i, std::string t)
      : kind_(k), null_(null), integer_(i), text_(std::move(t)) {}

  kind kind_;
  bool null_;
  std::int64_t integer_;
  std::string text_;
};

class statement {
 public:
  // Allocates the handle, sets the query timeout and prepares `sql`. Throws database_error.
  statement(connection &owner, std::string sql);
  ~statement();
  statement(const statement &) = delete;
  statement &operator=(const statement &) = delete;

  // Closes any open cursor, binds `params` in order and executes. Throws database_error.
  void execute(std::vector<parameter> params);
  void execute(std::initializer_list<parameter> params) { execute(std::vector<parameter>(params)); }

  // Advances to the next row; false after the last one.
  bool fetch();
  // Columns of the current row, 1-based, read in ascending order (some drivers require it).
  std::optional<std::string> text(SQLUSMALLINT column);
  std::optional<std::int64_t> integer(SQLUSMALLINT column);
  // A Unix-milliseconds column as an instant (see parameter).
  std::optional<core::time_point> time(SQLUSMALLINT column);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t affected_rows();
  // Releases the cursor so the connection can run something else.
  void close() noexcept;

  const std::string &sql() const noexcept { return sql_; }

 private:
  [[noreturn]] void fail(const char *what);

  connection &owner_;
  std::string sql_;
  SQLHSTMT handle_ = SQL_NULL_HSTMT;
  std::vector<parameter> bound_;
  std::vector<SQLLEN> indicators_;
  std::vector<char> buffer_;
};

}  // namespace ssrlink::odbc
