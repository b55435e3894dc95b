// The sweep's ports in memory (core/sweep: student_feed, batch_leases, report_log, notice_outbox,
// schedule_runs, and the report page's offered_reports over the same log), keeping the rules the
// SQL stores keep: unique (ssid, report_key) log rows and (student, contact, report_key) outbox
// rows, a Final row never rewritten, a write refused whole when another process wrote first,
// leases claimed only when expired or already this worker's, one schedule run per slot. The ports
// share one memory_sweep_tables, as the real ones share a database; tests fill and inspect the
// tables directly.
//
// Each port call holds the tables' mutex: the sweep calls the log and the contacts from its
// writer's thread (write_pipeline.hpp) while its own thread renews leases. A test reads and fills
// the tables directly while no sweep runs.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/report_page/offered_reports.hpp"
#include "core/sweep/batch_leases.hpp"
#include "core/sweep/notice_outbox.hpp"
#include "core/sweep/report_log.hpp"
#include "core/sweep/schedule_runs.hpp"
#include "core/sweep/student_feed.hpp"
#include "core/sweep/sweep_service.hpp"

namespace ssrlink::testing {

// ssrlink_report_log, keyed by (ssid, report_key).
struct memory_log_row {
  std::int64_t student_id = 0;
  std::string test, year, status;
  core::notice_state notice = core::notice_state::none;
  core::time_point found_at{};
  std::optional<core::time_point> emailed_at, viewed_at;
};

// ssrlink_outbox.
struct memory_outbox_row {
  std::int64_t student_id = 0;
  core::outbox_row row;
  std::string kind = "notice";  // or "summary"
};

// ssrlink_sweep_batch: one lease per range of a run, plus a "plan" row marking the run planned.
struct memory_lease {
  std::string holder;  // worker
  core::time_point expires_at{};
  bool done = false;
  std::optional<core::student_range> range;  // absent on the plan row
};

struct memory_sweep_tables {
  // ssrlink_student and ssrlink_contact as the views return them: a test may put one student (or
  // one contact sequence) on several rows, as a view joined on a per-year table does.
  std::vector<core::sweep_student> students;
  std::map<std::int64_t, std::vector<core::contact_facts>> contacts;  // by student_id
  // ssrlink_student.first_name and last_name, by student_id (absent: both empty)
  std::map<std::int64_t, std::pair<std::string, std::string>> names;
  std::map<std::pair<std::string, std::string>, memory_log_row> log;  // (ssid, report_key)
  std::vector<memory_outbox_row> outbox;
  std::map<std::string, memory_lease> leases;                    // by lease key
  std::map<core::time_point, core::schedule_run> schedule_runs;  // ssrlink_schedule_run, by slot
  int writes = 0;              // every call that would change the database
  int renewals = 0;            // leases renewed
  int batches = 0;             // record_all calls that wrote (several students in one transaction)
  std::recursive_mutex mutex;  // held by every port call

  bool in_outbox(std::int64_t student_id, const core::outbox_row &row) const {
    return std::any_of(outbox.begin(), outbox.end(), [&](const memory_outbox_row &existing) {
      return existing.student_id == student_id &&
             existing.row.contact_sequence == row.contact_sequence &&
             existing.row.report_key == row.report_key;
    });
  }
};

class memory_student_feed final : public core::student_feed {
 public:
  explicit memory_student_feed(memory_sweep_tables &tables) : t_(tables) {}

  std::vector<core::student_range> plan_ranges(const std::optional<std::string> &school,
                                               unsigned batch_size) override {
    const std::lock_guard lock(t_.mutex);
    std::vector<std::int64_t> ids;
    for (const core::sweep_student &s : t_.students) {
      if (!school || s.school_code == *school) {
        ids.push_back(s.student_id);
      }
    }
    std::sort(ids.begin(), ids.end());
    // As the ODBC feed: `students` may hold a student on several rows, as a badly mapped view
    // does, and a range counts students, not rows, so no student falls in two ranges.
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<core::student_range> out;
    for (std::size_t i = 0; i < ids.size(); i += batch_size) {
      out.push_back({ids[i], ids[std::min<std::size_t>(i + batch_size, ids.size()) - 1]});
    }
    return out;
  }

  std::vector<core::sweep_student> students(const core::student_range &range) override {
    const std::lock_guard lock(t_.mutex);
    std::vector<core::sweep_student> out;
    for (const core::sweep_student &s : t_.students) {
      if (s.student_id >= range.first_id && s.student_id <= range.last_id) {
        out.push_back(s);
      }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &a, const auto &b) { return a.student_id < b.student_id; });
    return out;
  }

  std::vector<core::contact_facts> contacts(std::int64_t student_id) override {
    const std::lock_guard lock(t_.mutex);
    const auto found = t_.contacts.find(student_id);
    return found == t_.contacts.end() ? std::vector<core::contact_facts>{} : found->second;
  }

 private:
  memory_sweep_tables &t_;
};

class memory_batch_leases final : public core::batch_leases {
 public:
  explicit memory_batch_leases(memory_sweep_tables &tables) : t_(tables) {}

  bool create(const std::string &run_key, const std::vector<core::student_range> &ranges,
              core::time_point) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    if (t_.leases.count(run_key + "|plan") != 0) {
      return false;
    }
    t_.leases[run_key + "|plan"] = {"", core::time_point{}, true, std::nullopt};
    for (const core::student_range &r : ranges) {
      t_.leases[run_key + "|" + std::to_string(r.first_id) + "|" + std::to_string(r.last_id)] = {
          "", core::time_point{}, false, r};
    }
    return true;
  }

  std::optional<core::claimed_batch> claim(const std::string &run_key, const std::string &worker,
                                           core::time_point now,
                                           std::chrono::seconds lease) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    for (auto &[key, row] : t_.leases) {
      if (key.rfind(run_key + "|", 0) != 0 || row.done || !row.range) {
        continue;
      }
      if (row.expires_at < now || row.holder == worker) {
        row.holder = worker;
        row.expires_at = now + lease;
        return core::claimed_batch{key, *row.range, now};
      }
    }
    return std::nullopt;
  }

  bool renew(const core::claimed_batch &batch, const std::string &worker, core::time_point now,
             std::chrono::seconds lease) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    memory_lease &row = t_.leases.at(batch.lease_key);
    if (row.holder != worker || row.done || row.expires_at <= now) {
      return false;
    }
    row.expires_at = now + lease;
    ++t_.renewals;
    return true;
  }

  bool finish(const core::claimed_batch &batch, const std::string &worker,
              core::time_point) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    memory_lease &row = t_.leases.at(batch.lease_key);
    if (row.holder != worker || row.done) {
      return false;
    }
    row.done = true;
    return true;
  }

  void release(const core::claimed_batch &batch, const std::string &worker) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    memory_lease &row = t_.leases.at(batch.lease_key);
    if (row.holder == worker) {
      row.expires_at = core::time_point{};
    }
  }

  std::optional<core::time_point> pending_until(const std::string &run_key) override {
    const std::lock_guard lock(t_.mutex);
    std::optional<core::time_point> until;
    for (const auto &[key, row] : t_.leases) {
      if (key.rfind(run_key + "|", 0) == 0 && !row.done && (!until || row.expires_at < *until)) {
        until = row.expires_at;
      }
    }
    return until;
  }

 private:
  memory_sweep_tables &t_;
};

class memory_report_log final : public core::report_log {
 public:
  explicit memory_report_log(memory_sweep_tables &tables) : t_(tables) {}

  std::map<std::string, core::logged_statuses> logged(const core::student_range &range) override {
    const std::lock_guard lock(t_.mutex);
    std::map<std::string, core::logged_statuses> out;
    for (const auto &[key, row] : t_.log) {
      if (row.student_id >= range.first_id && row.student_id <= range.last_id) {
        out[key.first][key.second] = row.status;
      }
    }
    return out;
  }

  core::logged_statuses logged_for(const std::string &ssid) override {
    const std::lock_guard lock(t_.mutex);
    core::logged_statuses out;
    for (const auto &[key, row] : t_.log) {
      if (key.first == ssid) {
        out[key.second] = row.status;
      }
    }
    return out;
  }

  // All or nothing, as the SQL store's transaction: copies are changed and kept only at the end.
  bool record(const core::sweep_student &student, const std::vector<core::report_write> &writes,
              core::time_point now) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    auto log = t_.log;
    auto outbox = t_.outbox;
    if (!write(student, writes, now, log, outbox)) {
      return false;
    }
    t_.log = std::move(log);
    t_.outbox = std::move(outbox);
    return true;
  }

  // Several students, all or nothing, as one transaction of the SQL store. `fail_batches` makes
  // the next that many calls throw as a database that failed mid-transaction does.
  bool record_all(const std::vector<core::student_writes> &students,
                  core::time_point now) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    if (fail_batches > 0) {
      --fail_batches;
      throw core::failure(core::status::database,
                          "The database could not record the sweep's findings (test).");
    }
    auto log = t_.log;
    auto outbox = t_.outbox;
    for (const core::student_writes &one : students) {
      if (!write(one.student, one.writes, now, log, outbox)) {
        return false;
      }
    }
    t_.log = std::move(log);
    t_.outbox = std::move(outbox);
    ++t_.batches;
    return true;
  }

  int fail_batches = 0;

  // Every filter and the paging, in the filter's order (core::log_order) as the SQL store lists
  // them.
  std::vector<core::log_entry> list(const core::log_filter &filter) override {
    const std::lock_guard lock(t_.mutex);
    std::vector<core::log_entry> out;
    for (const auto &[key, row] : t_.log) {
      const core::sweep_student *student = student_of(row.student_id);
      if (!matches(filter, student)) {
        continue;
      }
      if (filter.not_viewed && row.viewed_at) {
        continue;
      }
      if (filter.no_email && row.notice != core::notice_state::no_email &&
          row.notice != core::notice_state::partial) {
        continue;
      }
      core::log_entry e;
      e.student_id = row.student_id;
      e.ssid = key.first;
      e.school_code = student != nullptr ? student->school_code : std::string();
      if (const auto name = t_.names.find(row.student_id); name != t_.names.end()) {
        e.first_name = name->second.first;
        e.last_name = name->second.second;
      }
      e.report_key = key.second;
      e.test = row.test;
      e.year = row.year;
      e.status = row.status;
      e.notice = row.notice;
      e.found_at = row.found_at;
      e.emailed_at = row.emailed_at;
      e.viewed_at = row.viewed_at;
      out.push_back(std::move(e));
    }
    if (filter.order == core::log_order::manager) {
      std::sort(out.begin(), out.end(), manager_order);
    } else {
      std::sort(out.begin(), out.end(), [](const core::log_entry &a, const core::log_entry &b) {
        return std::tie(a.student_id, a.report_key) < std::tie(b.student_id, b.report_key);
      });
    }
    const auto first = std::min<std::size_t>(out.size(), static_cast<std::size_t>(filter.offset));
    const auto last =
        std::min<std::size_t>(out.size(), first + static_cast<std::size_t>(filter.limit));
    return {out.begin() + static_cast<std::ptrdiff_t>(first),
            out.begin() + static_cast<std::ptrdiff_t>(last)};
  }

  std::optional<core::logged_report_row> find(std::int64_t student_id,
                                              const std::string &report_key) override {
    const std::lock_guard lock(t_.mutex);
    for (const auto &[key, row] : t_.log) {
      if (row.student_id == student_id && key.second == report_key) {
        return core::logged_report_row{student_id, key.first, row.test, row.year, row.status};
      }
    }
    return std::nullopt;
  }

 private:
  // core::log_order::manager: not viewed first, never emailed first, then emailed_at, found_at,
  // last_name, first_name, student_id, report_key.
  static bool manager_order(const core::log_entry &a, const core::log_entry &b) {
    const auto key = [](const core::log_entry &e) {
      return std::make_tuple(e.viewed_at.has_value(), e.emailed_at.has_value(),
                             e.emailed_at.value_or(core::time_point{}), e.found_at,
                             std::cref(e.last_name), std::cref(e.first_name), e.student_id,
                             std::cref(e.report_key));
    };
    return key(a) < key(b);
  }

  // One student's rows into copies of the log and the outbox; false when another process wrote
  // one of them first.
  static bool write(const core::sweep_student &student,
                    const std::vector<core::report_write> &writes, core::time_point now,
                    std::map<std::pair<std::string, std::string>, memory_log_row> &log,
                    std::vector<memory_outbox_row> &outbox) {
    for (const core::report_write &w : writes) {
      const auto key = std::make_pair(student.ssid, w.change.report.key);
      const bool exists = log.count(key) > 0;
      if (exists != w.change.already_logged ||
          (exists && log[key].status == core::report_status_final)) {
        return false;
      }
      memory_log_row &row = log[key];
      if (!exists) {
        row.found_at = now;
      }
      row.student_id = student.student_id;
      row.test = w.change.report.test;
      row.year = w.change.report.year;
      row.status = w.change.report.status;
      row.notice = w.notice;
      if (!w.notices.empty()) {
        row.emailed_at = now;
      }
      for (const core::outbox_row &o : w.notices) {
        const bool queued =
            std::any_of(outbox.begin(), outbox.end(), [&](const memory_outbox_row &existing) {
              return existing.student_id == student.student_id &&
                     existing.row.contact_sequence == o.contact_sequence &&
                     existing.row.report_key == o.report_key;
            });
        if (queued) {
          return false;
        }
        outbox.push_back({student.student_id, o});
      }
    }
    return true;
  }

  const core::sweep_student *student_of(std::int64_t student_id) const {
    const auto found =
        std::find_if(t_.students.begin(), t_.students.end(),
                     [&](const core::sweep_student &s) { return s.student_id == student_id; });
    return found == t_.students.end() ? nullptr : &*found;
  }

  // The filters on the student: school, tag, left before.
  static bool matches(const core::log_filter &filter, const core::sweep_student *student) {
    if (!filter.school && !filter.tag && !filter.leave_before) {
      return true;
    }
    if (student == nullptr) {
      return false;
    }
    return (!filter.school || student->school_code == *filter.school) &&
           (!filter.tag || student->tag == *filter.tag) &&
           (!filter.leave_before ||
            (student->leave_date && *student->leave_date < *filter.leave_before));
  }

  memory_sweep_tables &t_;
};

class memory_notice_outbox final : public core::notice_outbox {
 public:
  explicit memory_notice_outbox(memory_sweep_tables &tables) : t_(tables) {}

  bool queue(std::int64_t student_id, const core::outbox_row &row, core::time_point now) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    if (t_.in_outbox(student_id, row)) {
      return false;
    }
    t_.outbox.push_back({student_id, row});
    for (auto &[key, logged] : t_.log) {
      if (logged.student_id == student_id && key.second == row.report_key) {
        logged.emailed_at = now;
      }
    }
    return true;
  }

  bool queue_summary(const core::outbox_row &row, core::time_point) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    if (t_.in_outbox(0, row)) {
      return false;
    }
    t_.outbox.push_back({0, row, "summary"});
    return true;
  }

 private:
  memory_sweep_tables &t_;
};

// ssrlink_schedule_run: a claim inserts the slot's row unless it exists, as the primary key does.
class memory_schedule_runs final : public core::schedule_runs {
 public:
  explicit memory_schedule_runs(memory_sweep_tables &tables) : t_(tables) {}

  bool claim(core::time_point slot, const std::string &worker, core::time_point now) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    return t_.schedule_runs.emplace(slot, core::schedule_run{slot, worker, now, std::nullopt, ""})
        .second;
  }

  void finish(core::time_point slot, core::run_outcome outcome, core::time_point now) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    const auto found = t_.schedule_runs.find(slot);
    if (found != t_.schedule_runs.end()) {
      found->second.finished_at = now;
      found->second.outcome = core::to_string(outcome);
    }
  }

  std::optional<core::schedule_run> latest() override {
    const std::lock_guard lock(t_.mutex);
    if (t_.schedule_runs.empty()) {
      return std::nullopt;
    }
    return t_.schedule_runs.rbegin()->second;
  }

 private:
  memory_sweep_tables &t_;
};

// The report page's "offered to this guardian" kept as the log's viewed_at, as the SQL store keeps
// it (memory_offered_reports.hpp only records the calls).
class memory_log_views final : public core::offered_reports {
 public:
  explicit memory_log_views(memory_sweep_tables &tables) : t_(tables) {}

  void record_offered(std::int64_t student_id, int /*contact_sequence*/,
                      const std::vector<std::string> &report_keys, core::time_point now) override {
    const std::lock_guard lock(t_.mutex);
    ++t_.writes;
    for (auto &[key, row] : t_.log) {
      if (row.student_id == student_id && !row.viewed_at &&
          std::find(report_keys.begin(), report_keys.end(), key.second) != report_keys.end()) {
        row.viewed_at = now;
      }
    }
  }

 private:
  memory_sweep_tables &t_;
};

// The tables with every port over them. Not movable: the ports point into `tables`.
struct memory_sweep_stores {
  memory_sweep_tables tables;
  memory_student_feed students{tables};
  memory_batch_leases leases{tables};
  memory_report_log log{tables};
  memory_notice_outbox outbox{tables};
  memory_log_views views{tables};
  memory_schedule_runs schedule{tables};

  memory_sweep_stores() = default;
  memory_sweep_stores(const memory_sweep_stores &) = delete;
  memory_sweep_stores &operator=(const memory_sweep_stores &) = delete;

  core::sweep_ports ports() { return {students, leases, log, outbox, schedule}; }
};

}  // namespace ssrlink::testing
