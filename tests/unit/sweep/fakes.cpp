#include "fakes.hpp"

#include <algorithm>
#include <chrono>

namespace ssrlink::core::testing {

std::vector<student_range> fake_store::plan_ranges(const std::optional<std::string> &school,
                                                   unsigned batch_size) {
  std::vector<std::int64_t> ids;
  for (const sweep_student &s : all_students) {
    if (!school || s.school_code == *school) {
      ids.push_back(s.student_id);
    }
  }
  std::sort(ids.begin(), ids.end());
  std::vector<student_range> out;
  for (std::size_t i = 0; i < ids.size(); i += batch_size) {
    out.push_back({ids[i], ids[std::min(i + batch_size, ids.size()) - 1]});
  }
  return out;
}

bool fake_store::create_leases(const std::string &run_key, const std::vector<student_range> &ranges,
                               time_point) {
  ++writes;
  if (leases.count(run_key + "|plan")) {
    return false;
  }
  leases[run_key + "|plan"] = {"", time_point{}, true};
  for (const student_range &r : ranges) {
    const std::string key =
        run_key + "|" + std::to_string(r.first_id) + "|" + std::to_string(r.last_id);
    leases[key] = {"", time_point{}, false};
    ranges_[key] = r;
  }
  return true;
}

std::optional<claimed_batch> fake_store::claim_batch(const std::string &run_key,
                                                     const std::string &worker, time_point now,
                                                     std::chrono::seconds lease) {
  ++writes;
  for (auto &[key, state] : leases) {
    auto &[holder, expiry, done] = state;
    if (key.rfind(run_key + "|", 0) != 0 || done || !ranges_.count(key)) {
      continue;
    }
    if (expiry < now || holder == worker) {
      holder = worker;
      expiry = now + lease;
      return claimed_batch{key, ranges_[key], now};
    }
  }
  return std::nullopt;
}

bool fake_store::finish_batch(const claimed_batch &batch, const std::string &worker, time_point) {
  ++writes;
  auto &[holder, expiry, done] = leases.at(batch.lease_key);
  if (holder != worker || done) {
    return false;
  }
  done = true;
  return true;
}

std::optional<time_point> fake_store::pending_until(const std::string &run_key) {
  std::optional<time_point> until;
  for (const auto &[key, state] : leases) {
    const auto &[holder, expiry, done] = state;
    if (key.rfind(run_key + "|", 0) == 0 && !done && (!until || expiry < *until)) {
      until = expiry;
    }
  }
  return until;
}

bool fake_store::renew_batch(const claimed_batch &batch, const std::string &worker, time_point now,
                             std::chrono::seconds lease) {
  ++writes;
  auto &[holder, expiry, done] = leases.at(batch.lease_key);
  if (holder != worker || done || expiry <= now) {
    return false;
  }
  expiry = now + lease;
  ++renewals;
  return true;
}

void fake_store::release_batch(const claimed_batch &batch, const std::string &worker) {
  ++writes;
  auto &[holder, expiry, done] = leases.at(batch.lease_key);
  if (holder == worker) {
    expiry = time_point{};
  }
}

std::vector<sweep_student> fake_store::students(const student_range &range,
                                                const std::optional<std::string> &school) {
  std::vector<sweep_student> out;
  for (const sweep_student &s : all_students) {
    if (s.student_id >= range.first_id && s.student_id <= range.last_id &&
        (!school || s.school_code == *school)) {
      out.push_back(s);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto &a, const auto &b) { return a.student_id < b.student_id; });
  return out;
}

std::map<std::string, logged_statuses> fake_store::logged(const student_range &range) {
  std::map<std::string, logged_statuses> out;
  for (const auto &[key, row] : log) {
    if (row.student_id >= range.first_id && row.student_id <= range.last_id) {
      out[key.first][key.second] = row.status;
    }
  }
  return out;
}

logged_statuses fake_store::logged_for(const std::string &ssid) {
  logged_statuses out;
  for (const auto &[key, row] : log) {
    if (key.first == ssid) {
      out[key.second] = row.status;
    }
  }
  return out;
}

std::vector<contact_facts> fake_store::contacts(std::int64_t student_id) {
  return all_contacts[student_id];
}

bool fake_store::record(const sweep_student &student, const std::vector<report_write> &ws,
                        time_point now) {
  ++writes;
  auto log_copy = log;
  auto outbox_copy = outbox;
  for (const report_write &w : ws) {
    const auto key = std::make_pair(student.ssid, w.change.report.key);
    const bool exists = log_copy.count(key) > 0;
    if (exists != w.change.already_logged || (exists && log_copy[key].status == status_final)) {
      return false;
    }
    fake_log_row &row = log_copy[key];
    if (!exists) {
      row.found_at = now;
    }
    row.student_id = student.student_id;
    row.test = w.change.report.test;
    row.year = w.change.report.year;
    row.status = w.change.report.status;
    row.notice = notice_state_name(w.notice);
    if (!w.notices.empty()) {
      row.emailed_at = now;
    }
    for (const outbox_row &o : w.notices) {
      for (const fake_outbox_row &existing : outbox_copy) {
        if (existing.student_id == student.student_id &&
            existing.row.contact_sequence == o.contact_sequence &&
            existing.row.report_key == o.report_key) {
          return false;
        }
      }
      outbox_copy.push_back({student.student_id, o});
    }
  }
  log = std::move(log_copy);
  outbox = std::move(outbox_copy);
  return true;
}

std::vector<log_entry> fake_store::list_log(const log_filter &filter) {
  std::vector<log_entry> out;
  for (const auto &[key, row] : log) {
    if (filter.not_viewed && row.viewed_at) {
      continue;
    }
    if (filter.no_email && row.notice != "no_email" && row.notice != "partial") {
      continue;
    }
    log_entry e;
    e.student_id = row.student_id;
    e.ssid = key.first;
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
  const auto first = std::min<std::size_t>(out.size(), static_cast<std::size_t>(filter.offset));
  const auto last =
      std::min<std::size_t>(out.size(), first + static_cast<std::size_t>(filter.limit));
  return {out.begin() + static_cast<std::ptrdiff_t>(first),
          out.begin() + static_cast<std::ptrdiff_t>(last)};
}

std::optional<logged_report_row> fake_store::find_logged(std::int64_t student_id,
                                                         const std::string &report_key) {
  for (const auto &[key, row] : log) {
    if (row.student_id == student_id && key.second == report_key) {
      return logged_report_row{student_id, key.first, row.test, row.year, row.status};
    }
  }
  return std::nullopt;
}

bool fake_store::queue_notice(std::int64_t student_id, const outbox_row &o, time_point now) {
  ++writes;
  for (const fake_outbox_row &existing : outbox) {
    if (existing.student_id == student_id && existing.row.contact_sequence == o.contact_sequence &&
        existing.row.report_key == o.report_key) {
      return false;
    }
  }
  outbox.push_back({student_id, o});
  for (auto &[key, row] : log) {
    if (row.student_id == student_id && key.second == o.report_key) {
      row.emailed_at = now;
    }
  }
  return true;
}

void fake_store::mark_viewed(std::int64_t student_id, const std::vector<std::string> &keys,
                             time_point now) {
  ++writes;
  for (auto &[key, row] : log) {
    if (row.student_id == student_id && !row.viewed_at &&
        std::find(keys.begin(), keys.end(), key.second) != keys.end()) {
      row.viewed_at = now;
    }
  }
}

fake_ets::~fake_ets() {
  for (std::thread &t : threads_) {
    t.join();
  }
}

void fake_ets::fetch_reports_async(const ets_credentials &credentials, std::string ssid,
                                   reports_callback done) {
  ++calls_;
  const int now_in_flight = ++in_flight_;
  int seen = max_in_flight_.load();
  while (now_in_flight > seen && !max_in_flight_.compare_exchange_weak(seen, now_in_flight)) {
  }
  ets_reports_result result = fetch_reports(credentials, ssid);
  std::lock_guard lock(mutex_);
  // Answers arrive later, on another thread, as the real adapter's do. The pause only makes
  // calls overlap so the concurrency bound is exercised; nothing waits on it.
  threads_.emplace_back([this, result = std::move(result), done = std::move(done)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --in_flight_;
    done(std::move(result));
  });
}

ets_reports_result fake_ets::fetch_reports(const ets_credentials &, const std::string &ssid) {
  const auto it = answers.find(ssid);
  if (it == answers.end()) {
    return ets_failed(ets_error::ssid_not_found);
  }
  return it->second;
}

std::optional<resolved_credentials> fake_resolver::for_school(std::string_view school) {
  if (schools_without_credentials.count(std::string(school))) {
    return std::nullopt;
  }
  resolved_credentials r;
  r.pair = {"district", "user", "secret-secret-secret", "district@1"};
  return r;
}

report_link final_link(std::string test, std::string year, std::string language) {
  report_link l;
  l.test = std::move(test);
  l.year = std::move(year);
  l.language = std::move(language);
  l.format = "PDF";
  l.subject = "ALL";
  l.status = "Final";
  return l;
}

report_link preliminary_link(std::string test, std::string year) {
  report_link l = final_link(std::move(test), std::move(year));
  l.status = "Preliminary";
  return l;
}

ets_reports_result reports(report_links links) {
  return {std::move(links)};
}

ets_reports_result ets_failed(ets_error error, ets_fault fault) {
  ets_failure f;
  f.error = error;
  f.fault = fault;
  return {f};
}

}  // namespace ssrlink::core::testing
