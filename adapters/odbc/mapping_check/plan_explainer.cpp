#include "odbc/mapping_check/plan_explainer.hpp"

#include <algorithm>
#include <map>

#include "odbc/mapping_check/query_plans.hpp"
#include "odbc/mapping_check/view_reader.hpp"
#include "odbc/statement.hpp"
#include "odbc/sweep/manual_transaction.hpp"
#include "odbc/view_statements.hpp"

namespace ssrlink::odbc {
namespace {

std::string_view parameter_name(statement_parameter p) {
  switch (p) {
    case statement_parameter::student_id:
      return "student_id";
    case statement_parameter::user_id:
      return "user_id";
    case statement_parameter::contact_sequence:
      return "contact_sequence";
    case statement_parameter::school_code:
      return "school_code";
  }
  return "?";
}

parameter sample_value(statement_parameter p, const plan_samples &samples) {
  switch (p) {
    case statement_parameter::student_id:
      return parameter::of(samples.student_id);
    case statement_parameter::user_id:
      return parameter::of(std::string_view(samples.user_id));
    case statement_parameter::contact_sequence:
      return parameter::of(samples.contact_sequence);
    case statement_parameter::school_code:
      return parameter::of(std::string_view(samples.school_code));
  }
  return parameter::null_text();
}

// The table each root page belongs to (an index's page to its table), for the bytecode.
using root_pages = std::map<std::int64_t, std::string>;

sqlite_schema read_sqlite_schema(connection &c, root_pages &pages) {
  sqlite_schema schema;
  {
    statement s(c, "SELECT rootpage, tbl_name FROM sqlite_master WHERE rootpage > 0");
    s.execute(std::vector<parameter>{});
    while (s.fetch()) {
      const std::int64_t page = s.integer(1).value_or(0);
      pages[page] = s.text(2).value_or("");
    }
    s.close();
  }
  statement s(c, "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')");
  s.execute(std::vector<parameter>{});
  while (s.fetch()) {
    const std::string type = s.text(1).value_or("");
    const std::string name = s.text(2).value_or("");
    const std::string sql = s.text(3).value_or("");
    if (type == "table") {
      schema.tables.push_back(name);
    } else {
      schema.definitions.push_back(sql);
    }
  }
  s.close();
  return schema;
}

// PostgreSQL: in a transaction of its own, rolled back, so SET LOCAL ends with it and the
// pooled connection goes back as it came. enable_seqscan = off makes the planner take any index
// that can serve the statement, so a test table of ten rows shows the plan a district of
// 500,000 would get; a Seq Scan that remains has no index to use. The sample values travel as
// bound parameters, as they do when the plugin runs the statement.
parsed_plan explain_postgres(connection &c, const std::string &sql, std::vector<parameter> params) {
  manual_transaction transaction(c);
  {
    statement set(c, "SET LOCAL enable_seqscan = off");
    set.execute(std::vector<parameter>{});
    set.close();
  }
  statement s(c, "EXPLAIN (FORMAT JSON) " + sql);
  s.execute(std::move(params));
  std::string json;
  while (s.fetch()) {
    json += s.text(1).value_or("");
  }
  s.close();
  return parse_postgres_plan(json);
}

// The tables whose cursors the bytecode rewinds (OpenRead p1 = cursor, p2 = root page; Rewind
// p1 = cursor): the ones walked from the first row, to tell apart tables sharing an alias.
std::vector<std::string> rewound_tables(connection &c, const std::string &sql,
                                        std::vector<parameter> params, const root_pages &pages) {
  statement s(c, "EXPLAIN " + sql);
  s.execute(std::move(params));
  std::map<std::int64_t, std::int64_t> page_of_cursor;
  std::vector<std::string> out;
  while (s.fetch()) {
    const std::string opcode = s.text(2).value_or("");
    const std::int64_t p1 = s.integer(3).value_or(-1);
    const std::int64_t p2 = s.integer(4).value_or(-1);
    if (opcode == "OpenRead") {
      page_of_cursor[p1] = p2;
    } else if (opcode == "Rewind" || opcode == "Last") {
      const auto cursor = page_of_cursor.find(p1);
      const auto table = cursor == page_of_cursor.end() ? pages.end() : pages.find(cursor->second);
      if (table != pages.end() && std::find(out.begin(), out.end(), table->second) == out.end()) {
        out.push_back(table->second);
      }
    }
  }
  s.close();
  return out;
}

parsed_plan explain_sqlite(connection &c, const std::string &sql, std::vector<parameter> params,
                           const sqlite_schema &schema, const root_pages &pages) {
  const sqlite_walks walks{true, rewound_tables(c, sql, params, pages)};
  statement s(c, "EXPLAIN QUERY PLAN " + sql);
  s.execute(std::move(params));
  std::map<std::int64_t, int> depth_of;
  std::vector<std::pair<int, std::string>> details;
  while (s.fetch()) {
    const std::int64_t id = s.integer(1).value_or(0);
    const std::int64_t parent = s.integer(2).value_or(0);
    const std::string detail = s.text(4).value_or("");
    const auto up = depth_of.find(parent);
    const int depth = up == depth_of.end() ? 0 : up->second + 1;
    depth_of[id] = depth;
    details.emplace_back(depth, detail);
  }
  s.close();
  return parse_sqlite_plan(details, schema, walks);
}

}  // namespace

plan_samples pick_samples(connection &c, std::optional<std::int64_t> requested,
                          std::optional<std::int64_t> first_student) {
  const dialect d = c.sql_dialect();
  const auto one = [&](const std::string &columns, const std::string &rest) {
    return top_prefix(d, 1).empty() ? "SELECT " + columns + rest + limit_suffix(d, 1)
                                    : "SELECT " + top_prefix(d, 1) + " " + columns + rest;
  };
  plan_samples samples;
  std::optional<std::vector<core::cell>> link;
  if (requested) {
    samples.student_id = *requested;
    link = first_row(c,
                     one("user_id, contact_sequence",
                         " FROM ssrlink_portal_link WHERE student_id = CAST(? AS BIGINT)"
                         " ORDER BY contact_sequence"),
                     {parameter::of(*requested)}, 2);
  } else {
    const auto any =
        first_row(c,
                  one("student_id, user_id, contact_sequence",
                      " FROM ssrlink_portal_link ORDER BY student_id, contact_sequence"),
                  {}, 3);
    if (any && integer_cell((*any)[0])) {
      samples.student_id = *integer_cell((*any)[0]);
      link = std::vector<core::cell>{(*any)[1], (*any)[2]};
    } else {
      samples.student_id = first_student.value_or(0);
    }
  }
  if (link) {
    samples.user_id = (*link)[0].value_or("");
    samples.contact_sequence = integer_cell((*link)[1]).value_or(1);
  } else if (const auto contact = first_row(c,
                                            one("contact_sequence",
                                                " FROM ssrlink_contact WHERE student_id = "
                                                "CAST(? AS BIGINT) ORDER BY contact_sequence"),
                                            {parameter::of(samples.student_id)}, 1)) {
    samples.contact_sequence = integer_cell((*contact)[0]).value_or(1);
  }
  if (const auto school = first_row(
          c, one("school_code", " FROM ssrlink_student WHERE student_id = CAST(? AS BIGINT)"),
          {parameter::of(samples.student_id)}, 1)) {
    samples.school_code = (*school)[0].value_or("");
  }
  return samples;
}

void explain_statements(connection &c, const plan_samples &samples,
                        core::mapping_observations &seen) {
  const dialect d = c.sql_dialect();
  seen.plans_supported = d == dialect::postgresql || d == dialect::sqlite;
  sqlite_schema schema;
  root_pages pages;
  const auto explain = [&](const std::string &sql, std::vector<parameter> params) {
    return d == dialect::postgresql ? explain_postgres(c, sql, std::move(params))
                                    : explain_sqlite(c, sql, std::move(params), schema, pages);
  };
  if (seen.plans_supported) {
    try {
      if (d == dialect::sqlite) {
        schema = read_sqlite_schema(c, pages);
      }
      // The tables behind the schools, less those that also hold students or contacts.
      const auto tables_of = [&](const char *view) {
        return explain(std::string("SELECT * FROM ") + view, {}).tables;
      };
      std::vector<std::string> others = tables_of("ssrlink_student");
      for (std::string &t : tables_of("ssrlink_contact")) {
        others.push_back(std::move(t));
      }
      for (std::string &t : tables_of("ssrlink_school")) {
        if (std::find(others.begin(), others.end(), t) == others.end()) {
          seen.school_tables.push_back(std::move(t));
        }
      }
    } catch (const database_error &e) {
      database_sentence(e);  // a missing view is the columns check's to report
    }
  }
  for (const view_statement &entry : view_statements) {
    core::statement_observation observed;
    observed.name = std::string(entry.name);
    observed.purpose = std::string(entry.purpose);
    observed.sql = std::string(entry.sql);
    std::vector<parameter> params;
    for (std::size_t i = 0; i < entry.parameter_count; ++i) {
      const std::string name(parameter_name(entry.parameters[i]));
      if (std::find(observed.parameters.begin(), observed.parameters.end(), name) ==
          observed.parameters.end()) {
        observed.parameters.push_back(name);
      }
      params.push_back(sample_value(entry.parameters[i], samples));
    }
    if (seen.plans_supported) {
      try {
        parsed_plan plan = explain(observed.sql, std::move(params));
        observed.explained = plan.problem.empty();
        observed.problem = plan.problem;
        observed.plan = std::move(plan.lines);
        observed.full_scans = std::move(plan.full_scans);
      } catch (const database_error &e) {
        observed.problem = database_sentence(e);
      }
    }
    seen.statements.push_back(std::move(observed));
  }
}

}  // namespace ssrlink::odbc
