#include "odbc/sweep/odbc_notice_outbox.hpp"

#include "odbc/diagnostics.hpp"
#include "odbc/statement.hpp"
#include "odbc/sweep/manual_transaction.hpp"
#include "odbc/sweep/outbox_insert.hpp"

namespace ssrlink::odbc {

namespace {

// A function, not a global: building the action allocates, and a failure before main() could
// not be caught.
const db_action &queue_summaries() {
  static const db_action action{"queue the sweep's completion summary",
                                {{"ssrlink_outbox", "table"}},
                                {{"ssrlink_outbox", "kind", "0005_staff_and_families.sql"}}};
  return action;
}

}  // namespace

bool odbc_notice_outbox::queue(std::int64_t student_id, const core::outbox_row &row,
                               core::time_point now) {
  bool queued = false;
  pool_.run(write_log_and_outbox(), [&](connection &c) {
    queued = false;
    manual_transaction tx(c);
    statement &exists = c.prepare(
        "SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id = CAST(? AS BIGINT) "
        "AND contact_sequence = CAST(? AS INTEGER) AND report_key = ?");
    exists.execute({parameter::of(student_id), parameter::of(std::int64_t{row.contact_sequence}),
                    parameter::of(row.report_key)});
    const bool present = exists.fetch() && exists.integer(1).value_or(0) > 0;
    exists.close();
    if (present) {
      return;
    }
    try {
      insert_outbox_row(c, student_id, row, now);
    } catch (const database_error &e) {
      // Another process queued the same notice between the check and the insert.
      if (is_duplicate_key(e.records())) {
        return;
      }
      throw;
    }
    statement &stamp = c.prepare(
        "UPDATE ssrlink_report_log SET emailed_at = ? "
        "WHERE student_id = CAST(? AS BIGINT) AND report_key = ?");
    stamp.execute({parameter::of(now), parameter::of(student_id), parameter::of(row.report_key)});
    tx.commit();
    queued = true;
  });
  return queued;
}

bool odbc_notice_outbox::queue_summary(const core::outbox_row &row, core::time_point now) {
  bool queued = false;
  pool_.run(queue_summaries(), [&](connection &c) {
    queued = false;
    try {
      insert_summary_row(c, row, now);
    } catch (const database_error &e) {
      // A rerun of the same run (or slot): its summary is in the outbox already.
      if (is_duplicate_key(e.records())) {
        return;
      }
      throw;
    }
    queued = true;
  });
  return queued;
}

}  // namespace ssrlink::odbc
