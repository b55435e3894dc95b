#include "odbc/sweep/outbox_insert.hpp"

#include <iterator>
#include <string>
#include <vector>

#include "odbc/column_values.hpp"
#include "odbc/statement.hpp"

namespace ssrlink::odbc {

// A function, not a global: building the action allocates, and a failure before main() could
// not be caught.
const db_action &write_log_and_outbox() {
  static const db_action action{"record the sweep's findings",
                                {{"ssrlink_report_log", "table"}, {"ssrlink_outbox", "table"}}};
  return action;
}

namespace {

// The row's values in the column order of both INSERTs below.
std::vector<parameter> row_values(std::int64_t student_id, const core::outbox_row &row,
                                  core::time_point now) {
  return {parameter::of(student_id),
          parameter::of(std::int64_t{row.contact_sequence}),
          parameter::of(clip_to_width(row.recipient, 320)),
          parameter::of(clip_to_width(row.language, 8)),
          parameter::of(clip_to_width(row.subject, 400)),
          parameter::of(row.body_text),
          parameter::of(row.body_html),
          parameter::of(row.report_key),
          parameter::of(now)};
}

}  // namespace

// No kind column in either form: the notices' default ('notice'), so a database before 0005
// takes them too.
void insert_outbox_row(connection &c, std::int64_t student_id, const core::outbox_row &row,
                       core::time_point now) {
  std::string sql(outbox_insert_head);
  sql += outbox_insert_row;
  c.prepare(sql).execute(row_values(student_id, row, now));
}

void append_outbox_values(std::vector<parameter> &values, std::int64_t student_id,
                          const core::outbox_row &row, core::time_point now) {
  std::vector<parameter> one = row_values(student_id, row, now);
  values.insert(values.end(), std::make_move_iterator(one.begin()),
                std::make_move_iterator(one.end()));
}

void insert_summary_row(connection &c, const core::outbox_row &row, core::time_point now) {
  statement &s = c.prepare(
      "INSERT INTO ssrlink_outbox (student_id, contact_sequence, recipient, language, subject, "
      "body_text, body_html, report_key, created_at, kind) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'summary')");
  s.execute(row_values(0, row, now));
}

}  // namespace ssrlink::odbc
