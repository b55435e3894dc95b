// Rule 10 of mapping_verdicts.hpp, and the report as a whole.
#include <algorithm>
#include <array>

#include "mapping_values.hpp"
#include "mapping_verdicts.hpp"

namespace ssrlink::core {
namespace {

constexpr std::size_t max_name_bytes = 120;
constexpr std::size_t max_plan_line_bytes = 300;
constexpr std::size_t max_plan_lines = 60;
constexpr std::size_t max_message_bytes = 600;

// Statements that read all students of the district or of one school, once per sweep, to cut
// them into ranges: a full scan is what they are.
bool reads_every_student(std::string_view name) {
  return name == "sweep_student_ids" || name == "sweep_school_student_ids";
}

bool behind_schools(const mapping_observations &seen, const std::string &table) {
  return std::find(seen.school_tables.begin(), seen.school_tables.end(), table) !=
         seen.school_tables.end();
}

std::string joined(const std::vector<std::string> &items) {
  std::string out;
  for (const std::string &item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

// What to index: the plan's condition on the table when it gave one, else the columns the
// statement looks rows up by.
std::string index_advice(const statement_observation &statement, const table_scan &scan) {
  std::string advice = "index the column(s) of " + scan.table + " behind the view column(s) " +
                       (statement.parameters.empty() ? std::string("in its WHERE and JOIN")
                                                     : joined(statement.parameters));
  if (!scan.condition.empty()) {
    advice += " (the plan filters it by " + scan.condition + ")";
  }
  return advice;
}

statement_verdict judge_statement(const mapping_observations &seen,
                                  const statement_observation &statement) {
  statement_verdict v{
      statement.name, statement.purpose, statement.sql, check_status::pass, {}, {}, {}};
  for (const std::string &line : statement.plan) {
    if (v.plan.size() < max_plan_lines) {
      v.plan.push_back(shown_plain(line, max_plan_line_bytes));
    }
  }
  std::string message;
  if (!seen.plans_supported) {
    v.status = check_status::not_checked;
    message = "Not checked: check-mapping cannot read query plans on " + seen.dialect +
              "; EXPLAIN the statement by hand with real values (docs/dba-guide.md).";
  } else if (!statement.explained) {
    v.status = check_status::fail;
    message = "The database could not EXPLAIN " + statement.name + ": " + statement.problem;
  } else {
    std::vector<std::string> costly;
    std::vector<std::string> advice;
    std::vector<std::string> tolerated;
    for (const table_scan &scan : statement.full_scans) {
      const std::string table = shown_plain(scan.table, max_name_bytes);
      if (std::find(v.full_scans.begin(), v.full_scans.end(), table) == v.full_scans.end()) {
        v.full_scans.push_back(table);
      }
      if (reads_every_student(statement.name) || behind_schools(seen, scan.table)) {
        tolerated.push_back(table);
      } else if (std::find(costly.begin(), costly.end(), table) == costly.end()) {
        costly.push_back(table);
        advice.push_back(index_advice(statement, scan));
      }
    }
    if (!costly.empty()) {
      v.status = check_status::fail;
      message = "The statement " + statement.name + " (" + statement.purpose +
                ") reads every row of " + joined(costly) + ": " + joined(advice) + ".";
    } else if (!tolerated.empty()) {
      message = "The statement " + statement.name + " reads " + joined(tolerated) +
                " whole, which is expected: " +
                (reads_every_student(statement.name)
                     ? "it reads every student of the district or school once per sweep."
                     : "those tables hold the schools, a few rows.");
    } else {
      message = "The statement " + statement.name + " finds its rows through indexes.";
    }
  }
  v.message = shown_plain(message, max_message_bytes);
  return v;
}

}  // namespace

std::vector<statement_verdict> judge_statements(const mapping_observations &seen) {
  std::vector<statement_verdict> out;
  out.reserve(seen.statements.size());
  for (const statement_observation &statement : seen.statements) {
    out.push_back(judge_statement(seen, statement));
  }
  return out;
}

mapping_report judge(const mapping_observations &seen) {
  mapping_report report;
  report.dialect = seen.dialect;
  report.checks = judge_views(seen);
  report.statements = judge_statements(seen);
  report.ok =
      std::none_of(report.checks.begin(), report.checks.end(),
                   [](const check_verdict &v) { return v.status == check_status::fail; }) &&
      std::none_of(report.statements.begin(), report.statements.end(),
                   [](const statement_verdict &v) { return v.status == check_status::fail; });
  return report;
}

}  // namespace ssrlink::core
