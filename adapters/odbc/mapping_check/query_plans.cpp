#include "odbc/mapping_check/query_plans.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <iterator>

#include "core/text/ascii.hpp"

namespace ssrlink::odbc {
namespace {

std::string field(const boost::json::object &node, std::string_view key) {
  const boost::json::value *value = node.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

void add_table(std::vector<std::string> &tables, const std::string &table) {
  if (std::find(tables.begin(), tables.end(), table) == tables.end()) {
    tables.push_back(table);
  }
}

// Rule 1, depth first. `join_condition`: the nearest enclosing join's condition.
void walk(const boost::json::object &node, int depth, const std::string &join_condition,
          parsed_plan &out) {
  const std::string type = field(node, "Node Type");
  const std::string relation = field(node, "Relation Name");
  const std::string alias = field(node, "Alias");
  std::string line(static_cast<std::size_t>(depth) * 2, ' ');
  line += type;
  if (!relation.empty()) {
    line += " on " + relation + (alias.empty() || alias == relation ? "" : " " + alias);
  }
  if (const std::string index = field(node, "Index Name"); !index.empty()) {
    line += " using " + index;
  }
  for (const char *key :
       {"Index Cond", "Recheck Cond", "Hash Cond", "Merge Cond", "Join Filter", "Filter"}) {
    if (const std::string condition = field(node, key); !condition.empty()) {
      line += std::string("  ") + key + ": " + condition;
    }
  }
  out.lines.push_back(std::move(line));
  if (!relation.empty()) {
    add_table(out.tables, relation);
    const bool whole =
        type == "Seq Scan" ||
        ((type == "Index Scan" || type == "Index Only Scan") && !node.contains("Index Cond")) ||
        (type == "Bitmap Heap Scan" && !node.contains("Recheck Cond"));
    if (whole) {
      const std::string filter = field(node, "Filter");
      out.full_scans.push_back({relation, filter.empty() ? join_condition : filter});
    }
  }
  std::string condition = join_condition;
  for (const char *key : {"Hash Cond", "Merge Cond", "Join Filter"}) {
    if (std::string c = field(node, key); !c.empty()) {
      condition = std::move(c);
      break;
    }
  }
  if (const boost::json::value *children = node.if_contains("Plans");
      children != nullptr && children->is_array()) {
    for (const boost::json::value &child : children->as_array()) {
      if (child.is_object()) {
        walk(child.as_object(), depth + 1, condition, out);
      }
    }
  }
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '"' || c == '[' || c == ']' || c == '`' || c == '.';
}

// The words of a definition, lower-cased, quotes and brackets stripped ("main"."STU" → main.stu).
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    if (word_char(c)) {
      if (c != '"' && c != '[' && c != ']' && c != '`') {
        word += core::ascii_lower(c);
      }
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    out.push_back(std::move(word));
  }
  return out;
}

std::string after_dot(const std::string &name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

}  // namespace

parsed_plan parse_postgres_plan(std::string_view json) {
  parsed_plan out;
  boost::system::error_code ec;
  const boost::json::value plan = boost::json::parse(json, ec);
  if (ec || !plan.is_array() || plan.as_array().empty() || !plan.as_array()[0].is_object() ||
      !plan.as_array()[0].as_object().contains("Plan") ||
      !plan.as_array()[0].as_object().at("Plan").is_object()) {
    out.problem = "PostgreSQL returned no JSON plan.";
    return out;
  }
  walk(plan.as_array()[0].as_object().at("Plan").as_object(), 0, {}, out);
  return out;
}

std::vector<std::string> sqlite_alias_tables(std::string_view alias, const sqlite_schema &schema) {
  const std::string wanted = core::ascii_lower(alias);
  std::vector<std::string> out;
  const auto is_table = [&](const std::string &name) -> const std::string * {
    for (const std::string &table : schema.tables) {
      if (core::ascii_lower(table) == name) {
        return &table;
      }
    }
    return nullptr;
  };
  if (const std::string *table = is_table(wanted)) {
    return {*table};
  }
  for (const std::string &definition : schema.definitions) {
    const std::vector<std::string> w = words(definition);
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      if (w[i] != "from" && w[i] != "join") {
        continue;
      }
      std::size_t at = i + 2;
      if (at < w.size() && w[at] == "as") {
        ++at;
      }
      if (at < w.size() && w[at] == wanted) {
        if (const std::string *table = is_table(after_dot(w[i + 1]))) {
          add_table(out, *table);
        }
      }
    }
  }
  if (out.empty()) {
    out.emplace_back(alias);
  }
  return out;
}

parsed_plan parse_sqlite_plan(const std::vector<std::pair<int, std::string>> &details,
                              const sqlite_schema &schema, const sqlite_walks &walks) {
  const auto walked = [&](const std::string &table) {
    return std::find(walks.tables.begin(), walks.tables.end(), table) != walks.tables.end();
  };
  parsed_plan out;
  for (const auto &[depth, detail] : details) {
    out.lines.push_back(std::string(static_cast<std::size_t>(std::max(depth, 0)) * 2, ' ') +
                        detail);
    const bool scan = detail.rfind("SCAN ", 0) == 0;
    const bool search = detail.rfind("SEARCH ", 0) == 0;
    if (!scan && !search) {
      continue;
    }
    std::string rest = detail.substr(scan ? 5 : 7);
    if (rest.rfind("TABLE ", 0) == 0) {  // SQLite before 3.36: "SCAN TABLE stu AS s"
      rest = rest.substr(6);
    }
    const std::string name = rest.substr(0, rest.find(' '));
    if (name.empty() || name == "CONSTANT" || name.front() == '(' ||
        rest.rfind("SUBQUERY", 0) == 0) {
      continue;
    }
    const bool whole = scan || detail.find(" AUTOMATIC ") != std::string::npos;
    std::vector<std::string> candidates = sqlite_alias_tables(name, schema);
    std::vector<std::string> walked_ones;
    std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(walked_ones), walked);
    if (candidates.size() > 1 && !walked_ones.empty()) {  // rule 3
      candidates = walked_ones;
    }
    for (const std::string &table : candidates) {
      add_table(out.tables, table);
      // Rule 4: read whole only if the bytecode walks it, when the bytecode is known.
      if (whole && (!walks.known || walked(table))) {
        out.full_scans.push_back({table, {}});
      }
    }
  }
  return out;
}

}  // namespace ssrlink::odbc
