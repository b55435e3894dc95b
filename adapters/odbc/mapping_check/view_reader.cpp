#include "odbc/mapping_check/view_reader.hpp"

#include "odbc/statement.hpp"
#include "odbc/sweep/manual_transaction.hpp"

namespace ssrlink::odbc {
namespace {

constexpr unsigned fetch_rows = 1000;

// Runs `sql` once on a statement of its own: check-mapping's probes are one-offs, and the
// connection's cache of prepared statements is for the statements the plugin repeats.
void run_once(connection &c, const std::string &sql) {
  statement s(c, sql);
  s.execute(std::vector<parameter>{});
  s.close();
}

std::vector<core::cell> read_cells(statement &s, unsigned columns) {
  std::vector<core::cell> cells;
  cells.reserve(columns);
  for (unsigned i = 1; i <= columns; ++i) {
    cells.push_back(s.text(static_cast<SQLUSMALLINT>(i)));
  }
  return cells;
}

}  // namespace

std::string database_sentence(const database_error &error) {
  if (is_connection_lost(error.records())) {
    throw error;
  }
  std::string out;
  for (const diagnostic &record : error.records()) {
    out += (out.empty() ? "" : " | ") + ("SQLSTATE " + record.sqlstate + ": " + record.text);
  }
  if (out.empty()) {
    out = error.what();
  }
  for (char &ch : out) {
    if (ch == '\n' || ch == '\r' || ch == '\t') {
      ch = ' ';
    }
  }
  return out;
}

core::view_observation probe_view(connection &c, std::string_view view,
                                  const std::vector<std::string_view> &columns) {
  core::view_observation seen;
  seen.name = std::string(view);
  try {
    run_once(c, "SELECT 1 FROM " + seen.name + " WHERE 1 = 0");
  } catch (const database_error &e) {
    seen.exists = false;
    seen.problem = database_sentence(e);
    return seen;
  }
  for (const std::string_view column : columns) {
    core::column_observation probe{std::string(column), true, {}};
    try {
      run_once(c, "SELECT " + probe.name + " FROM " + seen.name + " WHERE 1 = 0");
    } catch (const database_error &e) {
      probe.present = false;
      probe.problem = database_sentence(e);
    }
    seen.columns.push_back(std::move(probe));
  }
  return seen;
}

std::optional<std::string> view_definition(connection &c, std::string_view view) {
  std::string sql;
  switch (c.sql_dialect()) {
    case dialect::postgresql:
      sql =
          "SELECT pg_get_viewdef(c.oid) FROM pg_class c WHERE c.relname = ? AND c.relkind = 'v' "
          "AND pg_table_is_visible(c.oid)";
      break;
    case dialect::sqlite:
      sql = "SELECT sql FROM sqlite_master WHERE type = 'view' AND lower(name) = ?";
      break;
    case dialect::sqlserver:
      sql = "SELECT OBJECT_DEFINITION(OBJECT_ID(?))";
      break;
    case dialect::other:
      return std::nullopt;
  }
  const auto row = first_row(c, sql, {parameter::of(view)}, 1);
  return row ? row->front() : std::nullopt;
}

void stream_view(connection &c, core::view_observation &view, std::string_view from,
                 const std::vector<read_column> &columns, std::string_view order_by,
                 const std::function<void(const std::vector<core::cell> &)> &row) {
  std::string select = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    select += (i == 0 ? "" : ", ") + (view.has_column(columns[i].name)
                                          ? std::string(columns[i].expression)
                                          : std::string("NULL"));
  }
  select += " FROM " + std::string(from) + " ORDER BY " + std::string(order_by);
  const auto n = static_cast<unsigned>(columns.size());
  try {
    if (c.sql_dialect() == dialect::postgresql) {
      manual_transaction transaction(c);  // rolled back when it ends: it only read
      run_once(c, "DECLARE ssrlink_mapping_rows NO SCROLL CURSOR FOR " + select);
      statement fetch(c,
                      "FETCH FORWARD " + std::to_string(fetch_rows) + " FROM ssrlink_mapping_rows");
      for (bool more = true; more;) {
        fetch.execute(std::vector<parameter>{});
        unsigned got = 0;
        while (fetch.fetch()) {
          row(read_cells(fetch, n));
          ++got;
        }
        fetch.close();
        more = got == fetch_rows;
      }
    } else {
      statement s(c, select);
      s.execute(std::vector<parameter>{});
      while (s.fetch()) {
        row(read_cells(s, n));
      }
      s.close();
    }
    view.rows_read = true;
  } catch (const database_error &e) {
    view.read_problem = database_sentence(e);
  }
}

std::optional<std::vector<core::cell>> first_row(connection &c, const std::string &select,
                                                 std::vector<parameter> params, unsigned columns) {
  try {
    statement s(c, select);
    s.execute(std::move(params));
    std::optional<std::vector<core::cell>> out;
    if (s.fetch()) {
      out = read_cells(s, columns);
    }
    s.close();
    return out;
  } catch (const database_error &e) {
    database_sentence(e);  // rethrows a lost connection
    return std::nullopt;
  }
}

std::optional<std::int64_t> integer_cell(const core::cell &value) {
  if (!value || value->empty() || value->size() > 18) {
    return std::nullopt;
  }
  std::int64_t number = 0;
  const bool negative = value->front() == '-';
  for (std::size_t i = negative ? 1 : 0; i < value->size(); ++i) {
    const char c = (*value)[i];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    number = number * 10 + (c - '0');
  }
  if (negative && value->size() == 1) {
    return std::nullopt;
  }
  return negative ? -number : number;
}

}  // namespace ssrlink::odbc
