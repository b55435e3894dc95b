#include "odbc/sweep/outbox_insert.hpp"

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

void insert_outbox_row(connection &c, std::int64_t student_id, const core::outbox_row &row,
                       core::time_point now) {
  statement &s = c.prepare(
      "INSERT INTO ssrlink_outbox (student_id, contact_sequence, recipient, language, subject, "
      "body_text, body_html, report_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.execute({parameter::of(student_id), parameter::of(std::int64_t{row.contact_sequence}),
             parameter::of(clip_to_width(row.recipient, 320)),
             parameter::of(clip_to_width(row.language, 8)),
             parameter::of(clip_to_width(row.subject, 400)), parameter::of(row.body_text),
             parameter::of(row.body_html), parameter::of(row.report_key), parameter::of(now)});
}

}  // namespace ssrlink::odbc
