#include "odbc/sweep/row_batch_insert.hpp"

#include <iterator>
#include <string>
#include <utility>

#include "odbc/dialect.hpp"

namespace ssrlink::odbc {

namespace {

// The largest power of two not above `n` (n >= 1) nor max_rows_per_statement.
std::size_t chunk_for(std::size_t n) {
  std::size_t chunk = 1;
  while (chunk * 2 <= n && chunk * 2 <= max_rows_per_statement) {
    chunk *= 2;
  }
  return chunk;
}

}  // namespace

void insert_rows(connection &c, std::string_view head, std::string_view row, std::size_t width,
                 std::vector<parameter> values) {
  const std::size_t rows = width == 0 ? 0 : values.size() / width;
  const bool multi_row = c.sql_dialect() != dialect::other;
  std::size_t done = 0;
  while (done < rows) {
    const std::size_t chunk = multi_row ? chunk_for(rows - done) : 1;
    std::string sql(head);
    for (std::size_t i = 0; i < chunk; ++i) {
      if (i > 0) {
        sql += ", ";
      }
      sql += row;
    }
    const auto first = values.begin() + static_cast<std::ptrdiff_t>(done * width);
    std::vector<parameter> params(
        std::make_move_iterator(first),
        std::make_move_iterator(first + static_cast<std::ptrdiff_t>(chunk * width)));
    c.prepare(sql).execute(std::move(params));
    done += chunk;
  }
}

}  // namespace ssrlink::odbc
