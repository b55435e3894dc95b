#include "range_check.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "../error.hpp"
#include "error_kind.hpp"
#include "ets_fan_out.hpp"
#include "notice_plan.hpp"
#include "school_year.hpp"

namespace ssrlink::core {

range_check::range_check(student_feed &students, report_log &log, ets_client &ets,
                         credential_resolver &credentials, const clock &clock, logger &logger,
                         const sweep_request &request)
    : students_(students),
      log_(log),
      ets_(ets),
      resolver_(credentials),
      clock_(clock),
      logger_(logger),
      request_(request),
      years_(notifying_years(std::chrono::floor<std::chrono::days>(clock.now()),
                             request.include_previous_year)) {}

bool range_check::check(const student_range &range, const std::function<void()> &between_answers) {
  const std::vector<sweep_student> students = students_.students(range, request_.school());
  logged_ = log_.logged(range);
  std::vector<const sweep_student *> work;
  std::vector<fetch_job> jobs;
  bool complete = true;
  for (const sweep_student &student : students) {
    if (skipped(student)) {
      continue;  // rule 1
    }
    if (request_.max_students && counts_.students_checked >= *request_.max_students) {
      complete = false;  // rule 2
      break;
    }
    ++counts_.students_checked;  // rule 3
    if (student.ssid.empty()) {
      ++counts_.no_ssid;
      continue;
    }
    const ets_credentials *credentials = credentials_for(student.school_code);
    if (credentials == nullptr) {
      ++counts_.errors[to_string(sweep_error::no_credentials)];  // rule 4
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
  return complete;
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
      ++counts_.errors[error_kind(f)];  // rule 5
    }
    return;
  }
  const auto logged = logged_.find(student.ssid);
  std::vector<detected_report> changes = detect_changes(
      result.reports(), logged == logged_.end() ? logged_statuses{} : logged->second, years_);
  if (changes.empty()) {
    return;
  }
  std::vector<report_write> writes = plan(student, std::move(changes));
  if (request_.dry_run) {
    tally(writes);
    return;
  }
  record(student, result, std::move(writes));
}

// Rule 6: the contacts are read only when some report notifies.
std::vector<report_write> range_check::plan(const sweep_student &student,
                                            std::vector<detected_report> changes) {
  std::vector<contact_facts> contacts;
  if (std::any_of(changes.begin(), changes.end(),
                  [](const detected_report &change) { return change.notify; })) {
    contacts = students_.contacts(student.student_id);
  }
  std::vector<report_write> writes;
  writes.reserve(changes.size());
  for (detected_report &change : changes) {
    writes.push_back(plan_notices(student, std::move(change), contacts));
  }
  return writes;
}

// Rule 6.
void range_check::record(const sweep_student &student, const ets_reports_result &result,
                         std::vector<report_write> writes) {
  try {
    if (!log_.record(student, writes, clock_.now())) {
      // Another process logged one of these reports first: look again with its rows.
      writes =
          plan(student, detect_changes(result.reports(), log_.logged_for(student.ssid), years_));
      if (!writes.empty() && !log_.record(student, writes, clock_.now())) {
        ++counts_.errors[to_string(sweep_error::conflict)];
        return;
      }
    }
    tally(writes);
  } catch (const failure &e) {
    ++counts_.errors[to_string(sweep_error::database)];
    logger_.log(log_level::error, "The sweep could not record student " +
                                      std::to_string(student.student_id) +
                                      "'s reports: " + e.what());
  }
}

// Rule 7.
void range_check::tally(const std::vector<report_write> &writes) {
  for (const report_write &write : writes) {
    if (write.change.notify) {
      ++counts_.new_reports;
      counts_.notices_queued += static_cast<std::int64_t>(write.notices.size());
      counts_.no_email += static_cast<std::int64_t>(write.missing_email);
    }
  }
}

}  // namespace ssrlink::core
