#include "student_recorder.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "../error.hpp"
#include "duplicate_rows.hpp"
#include "error_kind.hpp"
#include "notice_plan.hpp"

namespace ssrlink::core {

namespace {

int contact_sequence_of(const contact_facts &contact) {
  return contact.sequence;
}

}  // namespace

void warn_duplicate(logger &log, std::int64_t &counted, const std::string &message,
                    const std::string &rest) {
  ++counted;
  if (counted <= max_named_duplicates) {
    log.log(log_level::warning, message);
  } else if (counted == max_named_duplicates + 1) {
    log.log(log_level::warning,
            "The sweep found more than " + std::to_string(max_named_duplicates) + " " + rest +
                " and names no more of them in this run; the sweep's summary counts them "
                "all. Run ssrlink-host check-mapping to list them.");
  }
}

student_recorder::student_recorder(student_feed &students, report_log &log, const clock &clock,
                                   logger &logger, std::vector<std::string> years, bool dry_run)
    : students_(students),
      log_(log),
      clock_(clock),
      logger_(logger),
      years_(std::move(years)),
      dry_run_(dry_run) {}

void student_recorder::record(const std::vector<pending_student> &batch) {
  std::vector<student_writes> all;
  std::vector<const pending_student *> sources;  // all[i] is sources[i]'s plan
  for (const pending_student &pending : batch) {
    std::optional<std::vector<report_write>> writes = plan(pending.student, pending.changes);
    if (!writes) {
      continue;  // rule 8: contacts on duplicate rows, counted
    }
    if (dry_run_) {
      tally(*writes);
      continue;
    }
    all.push_back({pending.student, std::move(*writes)});
    sources.push_back(&pending);
  }
  if (all.size() > 1) {
    // Rule 11: one transaction for all of them; refused or failed, nothing of it was kept.
    try {
      if (log_.record_all(all, clock_.now())) {
        for (const student_writes &written : all) {
          tally(written.writes);
        }
        return;
      }
    } catch (const failure &e) {
      logger_.log(log_level::warning, "The sweep could not record " + std::to_string(all.size()) +
                                          " students' reports together (" + e.what() +
                                          "); it records them one at a time.");
    }
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    record_one(*sources[i], std::move(all[i].writes));
  }
}

// Rule 8: the contacts are read only when some report notifies; nullopt when they are on
// duplicate rows.
std::optional<std::vector<report_write>> student_recorder::plan(
    const sweep_student &student, std::vector<detected_report> changes) {
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
          logger_, counts_.duplicate_contacts,
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
void student_recorder::record_one(const pending_student &pending,
                                  std::vector<report_write> writes) {
  const sweep_student &student = pending.student;
  try {
    if (!log_.record(student, writes, clock_.now())) {
      // Another process logged one of these reports first: look again with its rows.
      std::optional<std::vector<report_write>> again =
          plan(student, detect_changes(pending.reports, log_.logged_for(student.ssid), years_));
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
void student_recorder::tally(const std::vector<report_write> &writes) {
  for (const report_write &write : writes) {
    if (write.change.notify) {
      ++counts_.new_reports;
      counts_.notices_queued += static_cast<std::int64_t>(write.notices.size());
      counts_.no_email += static_cast<std::int64_t>(write.missing_email);
    }
  }
}

}  // namespace ssrlink::core
