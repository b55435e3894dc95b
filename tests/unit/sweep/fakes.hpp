// In-memory stand-ins for the sweep's ports: a store that keeps the same rules as the SQL one
// (unique keys, conditional updates), an ETS client that answers asynchronously on its own
// threads and records how many calls were in flight, a resolver and a settable clock.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#include "core/credentials/credential_resolver.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/ets_client.hpp"
#include "core/ports/logger.hpp"
#include "core/sweep/sweep_store.hpp"

namespace ssrlink::core::testing {

struct fake_log_row {
  std::int64_t student_id = 0;
  std::string test, year, status, notice;
  time_point found_at{};
  std::optional<time_point> emailed_at, viewed_at;
};

struct fake_outbox_row {
  std::int64_t student_id = 0;
  outbox_row row;
};

class fake_store final : public sweep_store {
 public:
  std::vector<sweep_student> all_students;
  std::map<std::int64_t, std::vector<contact_facts>> all_contacts;
  std::map<std::pair<std::string, std::string>, fake_log_row> log;  // (ssid, key)
  std::vector<fake_outbox_row> outbox;
  std::map<std::string, std::tuple<std::string, time_point, bool>> leases;  // worker, expiry, done
  int writes = 0;  // every call that would change the database

  std::vector<student_range> plan_ranges(const std::optional<std::string> &school,
                                         unsigned batch_size) override;
  bool create_leases(const std::string &run_key, const std::vector<student_range> &ranges,
                     time_point now) override;
  std::optional<claimed_batch> claim_batch(const std::string &run_key, const std::string &worker,
                                           time_point now, std::chrono::seconds lease) override;
  bool finish_batch(const claimed_batch &batch, const std::string &worker, time_point now) override;
  std::optional<time_point> pending_until(const std::string &run_key) override;
  bool renew_batch(const claimed_batch &batch, const std::string &worker, time_point now,
                   std::chrono::seconds lease) override;
  int renewals = 0;
  void release_batch(const claimed_batch &batch, const std::string &worker) override;
  std::vector<sweep_student> students(const student_range &range,
                                      const std::optional<std::string> &school) override;
  std::map<std::string, logged_statuses> logged(const student_range &range) override;
  logged_statuses logged_for(const std::string &ssid) override;
  std::vector<contact_facts> contacts(std::int64_t student_id) override;
  bool record(const sweep_student &student, const std::vector<report_write> &writes,
              time_point now) override;
  std::vector<log_entry> list_log(const log_filter &filter) override;
  std::optional<logged_report_row> find_logged(std::int64_t student_id,
                                               const std::string &report_key) override;
  bool queue_notice(std::int64_t student_id, const outbox_row &row, time_point now) override;
  void mark_viewed(std::int64_t student_id, const std::vector<std::string> &report_keys,
                   time_point now) override;

 private:
  std::map<std::string, student_range> ranges_;
};

class fake_ets final : public ets_client {
 public:
  ~fake_ets() override;
  std::map<std::string, ets_reports_result> answers;  // by SSID; absent → SSID_NOT_FOUND

  void fetch_reports_async(const ets_credentials &credentials, std::string ssid,
                           reports_callback done) override;
  ets_reports_result fetch_reports(const ets_credentials &credentials,
                                   const std::string &ssid) override;
  ets_token_result check_credentials(const ets_credentials &) override { return {true, {}}; }

  int calls() const { return calls_.load(); }
  int max_in_flight() const { return max_in_flight_.load(); }

 private:
  std::mutex mutex_;
  std::vector<std::thread> threads_;
  std::atomic<int> calls_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

class fake_resolver final : public credential_resolver {
 public:
  std::set<std::string> schools_without_credentials;
  std::optional<resolved_credentials> for_school(std::string_view school) override;
};

class fixed_clock final : public clock {
 public:
  time_point at;
  time_point now() const override { return at; }
};

class quiet_logger final : public logger {
 public:
  void log(log_level, std::string_view message) override {
    std::lock_guard lock(mutex_);
    messages.emplace_back(message);
  }
  std::vector<std::string> messages;

 private:
  std::mutex mutex_;
};

report_link final_link(std::string test, std::string year, std::string language = "ENG");
report_link preliminary_link(std::string test, std::string year);
ets_reports_result reports(report_links links);
ets_reports_result ets_failed(ets_error error, ets_fault fault = ets_fault::answered);

}  // namespace ssrlink::core::testing
