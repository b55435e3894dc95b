// What the sweep does with the ETS answers that changed something (range_check.hpp, rules 8 to
// 11): plans each student's notices, reading the contacts only when a report notifies, and
// records several students' plans in one transaction, falling back to one student at a time
// (with rule 9's conflict handling) when that transaction is refused or fails. It runs on the
// sweep's writer thread (write_pipeline.hpp), so it keeps counts of its own, which range_check
// adds to its own once the writer is idle.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../model/report_link.hpp"
#include "../ports/clock.hpp"
#include "../ports/logger.hpp"
#include "report_identity.hpp"
#include "report_log.hpp"
#include "student_feed.hpp"
#include "sweep_result.hpp"

namespace ssrlink::core {

// An ETS answer with changes, waiting to be planned and written.
struct pending_student {
  sweep_student student;
  report_links reports;  // ETS's answer: compared again with the log after a conflict
  std::vector<detected_report> changes;
};

// Rules 2 and 8: counts one more duplicate and names it, or, past max_named_duplicates, says once
// that the rest are counted only. `rest` names what is counted ("students on ...").
inline constexpr std::int64_t max_named_duplicates = 20;
void warn_duplicate(logger &log, std::int64_t &counted, const std::string &message,
                    const std::string &rest);

class student_recorder {
 public:
  // Every reference must outlive the recorder. `years` are the notifying school years; a dry run
  // plans and counts but writes nothing.
  student_recorder(student_feed &students, report_log &log, const clock &clock, logger &logger,
                   std::vector<std::string> years, bool dry_run);

  // Rules 8 to 11 for `batch`, in order. Failures of the database are counted and logged
  // (rule 9), never thrown.
  void record(const std::vector<pending_student> &batch);

  // new_reports, notices_queued, no_email, duplicate_contacts and the conflict and database
  // errors so far.
  const sweep_counts &counts() const { return counts_; }

 private:
  std::optional<std::vector<report_write>> plan(const sweep_student &student,
                                                std::vector<detected_report> changes);
  void record_one(const pending_student &pending, std::vector<report_write> writes);
  void tally(const std::vector<report_write> &writes);

  student_feed &students_;
  report_log &log_;
  const clock &clock_;
  logger &logger_;
  std::vector<std::string> years_;
  bool dry_run_;
  sweep_counts counts_;
};

}  // namespace ssrlink::core
