#include "odbc/sweep/odbc_offered_reports.hpp"

#include "odbc/statement.hpp"

namespace ssrlink::odbc {
namespace {

// What the statement touches, for the sentence a person reads when it fails. A function, not a
// global: building it allocates, and a failure before main() could not be caught.
const db_action &stamp_viewed() {
  static const db_action action{"record which reports a guardian was offered",
                                {{"ssrlink_report_log", "table"}}};
  return action;
}

}  // namespace

void odbc_offered_reports::record_offered(std::int64_t student_id, int /*contact_sequence*/,
                                          const std::vector<std::string> &report_keys,
                                          core::time_point now) {
  // The log is kept per student and report (offered_reports.hpp): any guardian's view counts.
  // "viewed_at IS NULL" keeps the first view, the one staff follow-ups are measured from.
  pool_.run(stamp_viewed(), [&](connection &c) {
    statement &s = c.prepare(
        "UPDATE ssrlink_report_log SET viewed_at = ? WHERE student_id = CAST(? AS BIGINT) "
        "AND report_key = ? AND viewed_at IS NULL");
    for (const std::string &key : report_keys) {
      s.execute({parameter::of(now), parameter::of(student_id), parameter::of(key)});
    }
  });
}

}  // namespace ssrlink::odbc
