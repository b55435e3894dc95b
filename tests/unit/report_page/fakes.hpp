// Small in-memory stand-ins for the ports the report page talks to. Each records what it was
// asked, so tests can assert on calls (e.g. "ETS was not called for a denial").
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/credentials/credential_resolver.hpp"
#include "core/error.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/ets_client.hpp"
#include "core/ports/link_cache.hpp"
#include "core/ports/logger.hpp"
#include "core/ports/student_directory.hpp"

namespace ssrlink::test {

using namespace ssrlink::core;
using namespace std::chrono_literals;

inline time_point at(const std::string &text) {
  time_point t;
  if (!parse_utc(text, t)) {
    throw std::invalid_argument("bad time in test: " + text);
  }
  return t;
}

class fake_clock : public core::clock {
 public:
  explicit fake_clock(time_point start = at("2026-11-23T18:00:00Z")) : now_(start) {}
  time_point now() const override { return now_.load(); }
  void set(time_point t) { now_.store(t); }
  void advance(std::chrono::milliseconds d) { now_.store(now_.load() + d); }

 private:
  std::atomic<time_point> now_;
};

// Students with contacts, portal links and portal accounts. find_binding answers as the binding
// statements do (linked, non-deleted contacts of the asking account, ascending); find_student
// fills `contact` only when the queried sequence matches a contact of this student, as the real
// view query does. `binding_calls` and `calls` tell tests which reads happened.
class fake_directory : public student_directory {
 public:
  std::map<std::int64_t, student_facts> students;
  std::map<std::int64_t, std::vector<contact_facts>> contacts;
  std::map<std::int64_t, std::string> portal_users;  // ssrlink_student.portal_user
  // ssrlink_portal_link: account → (student, contact sequence)
  std::multimap<std::string, std::pair<std::int64_t, int>> portal_links;
  bool fail = false;
  std::atomic<int> binding_calls{0};
  std::atomic<int> calls{0};  // find_student: the reads that see flags

  std::optional<student_binding> find_binding(const binding_query &query) override {
    ++binding_calls;
    if (fail) {
      throw failure(status::database, "The view ssrlink_students could not be read.");
    }
    const auto it = students.find(query.student_id);
    if (it == students.end()) {
      return std::nullopt;
    }
    student_binding binding;
    binding.student_id = it->second.student_id;
    binding.school_code = it->second.school_code;
    if (query.kind == binding_kind::student_account) {
      binding.portal_user = portal_users[query.student_id];
    }
    if (query.kind == binding_kind::parent_account) {
      const auto [first, last] = portal_links.equal_range(query.user_id);
      for (auto link = first; link != last; ++link) {
        if (link->second.first != query.student_id) {
          continue;
        }
        for (const auto &c : contacts[query.student_id]) {
          if (c.sequence == link->second.second) {
            binding.linked_contacts.push_back({c.sequence, c.educational_rights});
          }
        }
      }
      std::sort(
          binding.linked_contacts.begin(), binding.linked_contacts.end(),
          [](const linked_contact &a, const linked_contact &b) { return a.sequence < b.sequence; });
    }
    return binding;
  }

  std::optional<student_facts> find_student(const student_query &query) override {
    ++calls;
    if (fail) {
      throw failure(status::database, "The view ssrlink_students could not be read.");
    }
    const auto it = students.find(query.student_id);
    if (it == students.end()) {
      return std::nullopt;
    }
    student_facts facts = it->second;
    facts.contact.reset();
    const auto linked = contacts.find(query.student_id);
    if (query.contact_sequence && linked != contacts.end()) {
      for (const auto &c : linked->second) {
        if (c.sequence == *query.contact_sequence) {
          facts.contact = c;
        }
      }
    }
    return facts;
  }
};

class fake_credentials : public credential_resolver {
 public:
  std::map<std::string, resolved_credentials, std::less<>> by_school;
  std::optional<resolved_credentials> district;

  std::optional<resolved_credentials> for_school(std::string_view school_code) override {
    if (const auto it = by_school.find(school_code); it != by_school.end()) {
      return it->second;
    }
    return district;
  }
};

inline resolved_credentials credentials_for(std::string set_id, bool expired = false) {
  resolved_credentials c;
  c.pair = ets_credentials{"district", "user", "SECRET-KEY-123", std::move(set_id)};
  c.expires_on = day_point{std::chrono::year{2027} / 11 / 20};
  c.expired = expired;
  if (expired) {
    c.expires_on = day_point{std::chrono::year{2026} / 11 / 1};
  }
  return c;
}

// Answers every SSID with `answer`. When `gate_closed` is set, fetch_reports blocks until
// open_gate(): that is how single-flight tests keep the first call in flight.
class fake_ets : public ets_client {
 public:
  ets_reports_result answer{report_links{}};
  std::atomic<int> calls{0};
  std::vector<std::string> ssids;

  void close_gate() {
    std::lock_guard lock(mutex_);
    gate_closed_ = true;
  }
  void open_gate() {
    {
      std::lock_guard lock(mutex_);
      gate_closed_ = false;
    }
    cv_.notify_all();
  }
  // Blocks until a fetch is waiting at the closed gate.
  void wait_until_entered() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return entered_ > 0; });
  }

  ets_reports_result fetch_reports(const ets_credentials &, const std::string &ssid) override {
    ++calls;
    std::unique_lock lock(mutex_);
    ssids.push_back(ssid);
    ++entered_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return !gate_closed_; });
    return answer;
  }
  void fetch_reports_async(const ets_credentials &c, std::string ssid,
                           reports_callback done) override {
    done(fetch_reports(c, ssid));
  }
  ets_token_result check_credentials(const ets_credentials &) override { return {true, {}}; }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool gate_closed_ = false;
  int entered_ = 0;
};

class memory_cache_store : public link_cache_store {
 public:
  struct row {
    std::string payload;
    time_point expires_at;
  };
  std::map<std::string, row, std::less<>> rows;
  bool fail = false;
  int puts = 0;

  std::optional<std::string> get(std::string_view key, time_point now) override {
    std::lock_guard lock(mutex_);
    if (fail) {
      throw failure(status::database, "The table ssrlink_link_cache could not be read.");
    }
    const auto it = rows.find(key);
    if (it == rows.end() || it->second.expires_at <= now) {
      return std::nullopt;
    }
    return it->second.payload;
  }
  void put(std::string_view key, std::string_view payload, time_point expires_at,
           time_point) override {
    std::lock_guard lock(mutex_);
    if (fail) {
      throw failure(status::database, "The table ssrlink_link_cache could not be written.");
    }
    ++puts;
    rows[std::string(key)] = row{std::string(payload), expires_at};
  }

 private:
  std::mutex mutex_;
};

class memory_audit_log : public audit_log {
 public:
  std::vector<audit_entry> entries;
  bool fail = false;

  void record(const audit_entry &entry) override {
    std::lock_guard lock(mutex_);
    if (fail) {
      throw failure(status::database, "The table ssrlink_audit could not be written.",
                    "SQLSTATE 08S01");
    }
    entries.push_back(entry);
  }

 private:
  std::mutex mutex_;
};

class capture_logger : public logger {
 public:
  std::vector<std::string> lines;

  void log(log_level, std::string_view message) override {
    std::lock_guard lock(mutex_);
    lines.emplace_back(message);
  }
  std::string all() {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto &l : lines) {
      out += l + "\n";
    }
    return out;
  }

 private:
  std::mutex mutex_;
};

// A report link as ETS would send it, valid for 30 minutes from `issued`.
inline report_link make_link(std::string test, std::string year, std::string language,
                             std::string format, std::string subject, time_point issued,
                             const std::string &host = "reports.s3.amazonaws.com") {
  report_link l;
  l.test = std::move(test);
  l.name = l.test + " report";
  l.year = std::move(year);
  l.grade = "05";
  l.subject = std::move(subject);
  l.language = std::move(language);
  l.format = std::move(format);
  l.status = "Final";
  l.url = "https://" + host + "/" + l.test + "-" + l.language + "-" + l.format + "-" + l.subject +
          "?X-Amz-Signature=SIGNATURE";
  l.expires_at = issued + 30min;
  return l;
}

}  // namespace ssrlink::test
