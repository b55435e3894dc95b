#include "odbc/dialect.hpp"

#include "core/text/ascii.hpp"

namespace ssrlink::odbc {

dialect dialect_from_dbms_name(std::string_view dbms_name) {
  const std::string name = core::ascii_lower(dbms_name);
  if (name.find("sqlite") != std::string::npos) {
    return dialect::sqlite;
  }
  if (name.find("postgres") != std::string::npos) {
    return dialect::postgresql;
  }
  if (name.find("sql server") != std::string::npos) {
    return dialect::sqlserver;
  }
  return dialect::other;
}

std::string_view dialect_folder(dialect d) {
  switch (d) {
    case dialect::sqlite:
      return "sqlite";
    case dialect::postgresql:
      return "postgresql";
    case dialect::sqlserver:
      return "sqlserver";
    case dialect::other:
      break;
  }
  return "<dialect>";
}

std::string limit_suffix(dialect d, unsigned rows) {
  return d == dialect::sqlserver ? std::string() : " LIMIT " + std::to_string(rows);
}

std::string top_prefix(dialect d, unsigned rows) {
  return d == dialect::sqlserver ? "TOP (" + std::to_string(rows) + ") " : std::string();
}

insert_once insert_once_sql(dialect d, std::string_view table, std::string_view columns,
                            std::string_view values, std::string_view key_column) {
  const std::string head = std::string(table) + " (" + std::string(columns) + ") ";
  switch (d) {
    case dialect::sqlite:
      return {"INSERT OR IGNORE INTO " + head + "VALUES (" + std::string(values) + ")", false};
    case dialect::postgresql:
      return {"INSERT INTO " + head + "VALUES (" + std::string(values) + ") ON CONFLICT DO NOTHING",
              false};
    case dialect::sqlserver:
    case dialect::other:
      break;
  }
  return {"INSERT INTO " + head + "SELECT " + std::string(values) +
              " WHERE NOT EXISTS (SELECT 1 FROM " + std::string(table) + " WHERE " +
              std::string(key_column) + " = ?)",
          true};
}

namespace {

// The columns joined with ", ", each written as `form` with every '@' replaced by the column's
// name: "@ = s.@" gives "a = s.a, b = s.b".
std::string each_column(const std::vector<std::string_view> &columns, std::string_view form) {
  std::string out;
  for (const std::string_view column : columns) {
    if (!out.empty()) {
      out += ", ";
    }
    for (const char c : form) {
      if (c == '@') {
        out.append(column);
      } else {
        out += c;
      }
    }
  }
  return out;
}

}  // namespace

std::string upsert_sql(dialect d, std::string_view table, std::string_view key_column,
                       const std::vector<std::string_view> &value_columns) {
  std::vector<std::string_view> all{key_column};
  all.insert(all.end(), value_columns.begin(), value_columns.end());
  const std::string key(key_column);
  if (d == dialect::sqlserver) {
    return "MERGE " + std::string(table) + " WITH (HOLDLOCK) AS t USING (SELECT " +
           each_column(all, "? AS @") + ") AS s ON t." + key + " = s." + key +
           " WHEN MATCHED THEN UPDATE SET " + each_column(value_columns, "@ = s.@") +
           " WHEN NOT MATCHED THEN INSERT (" + each_column(all, "@") + ") VALUES (" +
           each_column(all, "s.@") + ");";
  }
  return "INSERT INTO " + std::string(table) + " (" + each_column(all, "@") + ") VALUES (" +
         each_column(all, "?") + ") ON CONFLICT (" + key + ") DO UPDATE SET " +
         each_column(value_columns, "@ = excluded.@");
}

}  // namespace ssrlink::odbc
