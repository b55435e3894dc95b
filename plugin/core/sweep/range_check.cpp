#include "range_check.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "error_kind.hpp"
#include "ets_fan_out.hpp"
#include "school_year.hpp"

namespace ssrlink::core {

namespace {

std::int64_t student_id_of(const sweep_student &student) {
  return student.student_id;
}

}  // namespace

range_check::range_check(student_feed &students, report_log &log, ets_client &ets,
                         credential_resolver &credentials, const clock &clock, logger &logger,
                         const sweep_request &request)
    : students_(students),
      log_(log),
      ets_(ets),
      resolver_(credentials),
      logger_(logger),
      request_(request),
      years_(notifying_years(std::chrono::floor<std::chrono::days>(clock.now()),
                             request.include_previous_year)),
      recorder_(students, log, clock, logger, years_, request.dry_run),
      writer_(recorder_) {}

sweep_counts range_check::counts() const {
  sweep_counts all = counts_;
  all += recorder_.counts();  // write_pipeline rule 4: check has flushed the writer
  return all;
}

bool range_check::check(const student_range &range, const std::function<void()> &between_answers) {
  // Rule 1: the whole district's rows of the range; the port promises student_id order, and a
  // stable sort keeps it while making sure a student's rows are next to each other.
  std::vector<sweep_student> rows = students_.students(range);
  std::stable_sort(rows.begin(), rows.end(), [](const sweep_student &a, const sweep_student &b) {
    return a.student_id < b.student_id;
  });
  logged_ = log_.logged(range);
  std::vector<const sweep_student *> work;
  std::vector<fetch_job> jobs;
  bool complete = true;
  for (const key_run &run : key_runs(rows, student_id_of)) {
    const sweep_student &student = rows[run.begin];
    if (!in_scope(rows, run)) {
      continue;  // rule 1
    }
    if (run.size > 1) {  // rule 2
      warn_duplicate(logger_, counts_.duplicate_students,
                     duplicate_rows_message("ssrlink_student", run.size,
                                            "student_id " + std::to_string(student.student_id),
                                            "the sweep skipped the student", "student"),
                     "students on more than one row of the view ssrlink_student");
      continue;
    }
    if (skipped(student)) {
      continue;  // rule 3
    }
    if (request_.max_students && counts_.students_checked >= *request_.max_students) {
      complete = false;  // rule 4
      break;
    }
    ++counts_.students_checked;  // rule 5
    if (student.ssid.empty()) {
      ++counts_.no_ssid;
      continue;
    }
    const ets_credentials *credentials = credentials_for(student.school_code);
    if (credentials == nullptr) {
      ++counts_.errors[to_string(sweep_error::no_credentials)];  // rule 6
      continue;
    }
    work.push_back(&student);
    jobs.push_back({credentials, student.ssid});
  }
  fetch_all(ets_, request_.concurrency, jobs,
            [&](std::size_t index, const ets_reports_result &result) {
              handle(*work[index], result);
              between_answers();
            });
  writer_.flush(between_answers);  // rule 11
  return complete;
}

// Rule 1: the district takes every student; a school, those with a row in it.
bool range_check::in_scope(const std::vector<sweep_student> &rows, const key_run &run) const {
  const std::optional<std::string> school = request_.school();
  if (!school) {
    return true;
  }
  return std::any_of(rows.begin() + static_cast<std::ptrdiff_t>(run.begin),
                     rows.begin() + static_cast<std::ptrdiff_t>(run.begin + run.size),
                     [&](const sweep_student &row) { return row.school_code == *school; });
}

bool range_check::skipped(const sweep_student &student) const {
  if (request_.skip_leave_before && student.leave_date &&
      *student.leave_date < *request_.skip_leave_before) {
    return true;
  }
  return !student.tag.empty() && std::find(request_.skip_tags.begin(), request_.skip_tags.end(),
                                           student.tag) != request_.skip_tags.end();
}

// Resolved once per school and run: the resolver may ask the database.
const ets_credentials *range_check::credentials_for(const std::string &school) {
  auto it = credentials_.find(school);
  if (it == credentials_.end()) {
    std::optional<resolved_credentials> found = resolver_.for_school(school);
    it = credentials_
             .emplace(school,
                      found ? std::optional<ets_credentials>(std::move(found->pair)) : std::nullopt)
             .first;
  }
  return it->second ? &*it->second : nullptr;
}

void range_check::handle(const sweep_student &student, const ets_reports_result &result) {
  if (!result.ok()) {
    const ets_failure &f = result.failure();
    if (f.fault != ets_fault::answered || f.error != ets_error::no_test_data) {
      ++counts_.errors[error_kind(f)];  // rule 7
    }
    return;
  }
  const auto logged = logged_.find(student.ssid);
  std::vector<detected_report> changes = detect_changes(
      result.reports(), logged == logged_.end() ? logged_statuses{} : logged->second, years_);
  if (changes.empty()) {
    return;
  }
  writer_.submit({student, result.reports(), std::move(changes)});  // rules 8 to 11
}

}  // namespace ssrlink::core
