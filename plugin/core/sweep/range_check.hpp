// Checks the students of one range with ETS and writes what changed: the work of one sweep batch.
// Students are skipped or counted before any call (duplicate rows, skip rules, max_students, no
// SSID, no credentials); the rest are fetched through ets_fan_out; each answer is compared with
// the log (detect_changes), and what changed is handed to the writer (write_pipeline.hpp), which
// plans it (notice_plan.hpp) and records it (student_recorder.hpp, report_log) on its own thread
// while the ETS calls go on.
//
// Rules (in this order), for each student of the range:
//  1. The range is read for the whole district and the scope applied here: a school's sweep
//     takes a student with a row in that school, and leaves every other student alone (not
//     counted). So a student on rows of two schools (a view joined on one enrollment row per
//     school year: the school moved away from, and the school of today) is seen whole.
//  2. A student_id on more than one row of ssrlink_student is skipped: a warning names the view
//     and the ID, the student counts in duplicate_students (not as checked), ETS is not asked and
//     nobody is notified. The rows may disagree on the school, the flags or the SSID, and the
//     sweep cannot tell which is right. The first max_named_duplicates such students of a run are
//     named; one more line says the rest are counted only, so a view that doubles every student
//     does not flood the host's log.
//  3. A student who left before skip_leave_before, or carries one of skip_tags, is skipped and
//     not counted.
//  4. Once max_students students were checked, the range stops part way.
//  5. Every other student counts as checked; one without an SSID counts in no_ssid.
//  6. A student whose school has no credentials, nor has the district, counts as
//     no_credentials.
//  then, for each ETS answer:
//  7. A failure counts under its error_kind, except no_test_data (a student without reports).
//  8. The reports that changed are planned. The contacts are read only when some report
//     notifies; when one contact_sequence is on more than one row of ssrlink_contact, a warning
//     names the view, the student_id and the sequence, the student counts in duplicate_contacts
//     and nothing of it is recorded, so its reports are found again, and notified, once the view
//     is fixed (warnings capped as in rule 2).
//  9. Unless a dry run, the plan is recorded in one transaction. When another process recorded
//     first, the student is compared again with its rows and recorded once more; a second
//     refusal counts as conflict, a database failure as database (logged), and the sweep goes on
//     with the next student.
// 10. Only what was written (or, in a dry run, would be) is tallied: new_reports and
//     notices_queued and no_email for each report that notifies.
// 11. Rules 8 to 10 run on the writer's thread, for the students whose answers arrived since its
//     last commit (at most write_pipeline::default_max_batch), recorded with
//     report_log::record_all in one transaction. When that transaction is refused (another
//     process wrote first) or fails, nothing of it is kept and each of its students is recorded
//     alone as rule 9 says (a failure of the batch is logged as a warning). The range waits for
//     the writer before it returns, so a batch's lease is finished only over committed rows; a
//     crash loses at most the rows not committed yet, and the lease, expired, lets another worker
//     check those students again.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../credentials/credential_resolver.hpp"
#include "../ports/clock.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/logger.hpp"
#include "duplicate_rows.hpp"
#include "report_log.hpp"
#include "student_feed.hpp"
#include "student_recorder.hpp"
#include "sweep_request.hpp"
#include "sweep_result.hpp"
#include "write_pipeline.hpp"

namespace ssrlink::core {

class range_check {
 public:
  // Every reference must outlive the check; one range_check serves all batches of one run, so
  // credentials are resolved once per school and the counts add up.
  range_check(student_feed &students, report_log &log, ets_client &ets,
              credential_resolver &credentials, const clock &clock, logger &logger,
              const sweep_request &request);

  // Checks one range; false when max_students stopped it part way (rule 4). `between_answers`
  // runs after every answer handled, and about once a second while the writer finishes the
  // range's rows (a lease is kept alive there).
  bool check(const student_range &range, const std::function<void()> &between_answers);

  // The counts so far, the writer's included; read between ranges (check has returned).
  sweep_counts counts() const;

 private:
  bool in_scope(const std::vector<sweep_student> &rows, const key_run &run) const;
  bool skipped(const sweep_student &student) const;
  const ets_credentials *credentials_for(const std::string &school);
  void handle(const sweep_student &student, const ets_reports_result &result);

  student_feed &students_;
  report_log &log_;
  ets_client &ets_;
  credential_resolver &resolver_;
  logger &logger_;
  const sweep_request &request_;
  std::vector<std::string> years_;
  std::map<std::string, std::optional<ets_credentials>> credentials_;  // by school code
  std::map<std::string, logged_statuses> logged_;                      // of the range, by SSID
  sweep_counts counts_;        // rules 2 to 7, on the sweep's thread
  student_recorder recorder_;  // rules 8 to 10, on the writer's thread
  write_pipeline writer_;      // last: its thread uses recorder_
};

}  // namespace ssrlink::core
