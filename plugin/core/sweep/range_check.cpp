#include "range_check.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "../error.hpp"
#include "error_kind.hpp"
#include "ets_fan_out.hpp"
#include "notice_plan.hpp"
#include "school_year.hpp"

namespace ssrlink::core {

namespace {

std::int64_t student_id_of(const sweep_student &student) {
  return student.student_id;
}
int contact_sequence_of(const contact_facts &contact) {
  return contact.sequence;
}

}  // namespace

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
      warn_duplicate(counts_.duplicate_students,
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

// Rules 2 and 8: counts one more duplicate and names it, or, past the cap, says once that the
// rest are counted only. `rest` names what is counted ("students on ...").
void range_check::warn_duplicate(std::int64_t &counted, const std::string &message,
                                 const std::string &rest) {
  ++counted;
  if (counted <= max_named_duplicates) {
    logger_.log(log_level::warning, message);
  } else if (counted == max_named_duplicates + 1) {
    logger_.log(log_level::warning,
                "The sweep found more than " + std::to_string(max_named_duplicates) + " " + rest +
                    " and names no more of them in this run; the sweep's summary counts them "
                    "all. Run ssrlink-host check-mapping to list them.");
  }
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
  std::optional<std::vector<report_write>> writes = plan(student, std::move(changes));
  if (!writes) {
    return;  // rule 8: contacts on duplicate rows, counted
  }
  if (request_.dry_run) {
    tally(*writes);
    return;
  }
  record(student, result, std::move(*writes));
}

// Rule 8: the contacts are read only when some report notifies; nullopt when they are on
// duplicate rows.
std::optional<std::vector<report_write>> range_check::plan(const sweep_student &student,
                                                           std::vector<detected_report> changes) {
  std::vector<contact_facts> contacts;
  if (std::any_of(changes.begin(), changes.end(),
                  [](const detected_report &change) { return change.notify; })) {
    contacts = students_.contacts(student.student_id);
    // Sequence order, as the port promises and notice_plan's first-contact rule relies on.
    std::stable_sort(
        contacts.begin(), contacts.end(),
        [](const contact_facts &a, const contact_facts &b) { return a.sequence < b.sequence; });
    const std::vector<key_run> duplicates = duplicate_runs(contacts, contact_sequence_of);
    if (!duplicates.empty()) {
      const key_run &first = duplicates.front();
      warn_duplicate(
          counts_.duplicate_contacts,
          duplicate_rows_message(
              "ssrlink_contact", first.size,
              "student_id " + std::to_string(student.student_id) + " and contact_sequence " +
                  std::to_string(contacts[first.begin].sequence),
              "the sweep skipped the student and recorded none of its reports", "contact"),
          "students whose contacts are on more than one row of the view "
          "ssrlink_contact");
      return std::nullopt;
    }
  }
  std::vector<report_write> writes;
  writes.reserve(changes.size());
  for (detected_report &change : changes) {
    writes.push_back(plan_notices(student, std::move(change), contacts));
  }
  return writes;
}

// Rule 9.
void range_check::record(const sweep_student &student, const ets_reports_result &result,
                         std::vector<report_write> writes) {
  try {
    if (!log_.record(student, writes, clock_.now())) {
      // Another process logged one of these reports first: look again with its rows.
      std::optional<std::vector<report_write>> again =
          plan(student, detect_changes(result.reports(), log_.logged_for(student.ssid), years_));
      if (!again) {
        return;  // rule 8: the contacts read again are on duplicate rows, counted
      }
      writes = std::move(*again);
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

// Rule 10.
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
