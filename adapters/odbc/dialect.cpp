#include "odbc/dialect.hpp"

#include <algorithm>
#include <cctype>

namespace ssrlink::odbc {

dialect dialect_from_dbms_name(std::string_view dbms_name) {
  std::string name(dbms_name);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
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

}  // namespace ssrlink::odbc
