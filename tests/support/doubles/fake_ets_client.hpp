// A core::ets_client answering from a table the test fills: by SSID, else a default answer, else
// SSID_NOT_FOUND. The asynchronous form answers on a thread of its own, as the real adapter does,
// so callers meet the same threading. A closed gate holds every blocking fetch until it opens:
// that is how single-flight tests keep a first call in flight. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/ports/ets_client.hpp"

namespace ssrlink::testing {

// An ETS answer of failure, for tables of answers.
core::ets_reports_result ets_failed(core::ets_error error,
                                    core::ets_fault fault = core::ets_fault::answered);

class fake_ets_client final : public core::ets_client {
 public:
  fake_ets_client() = default;
  ~fake_ets_client() override;  // joins the threads that delivered asynchronous answers
  fake_ets_client(const fake_ets_client &) = delete;
  fake_ets_client &operator=(const fake_ets_client &) = delete;

  // What fetches answer. Set before the calls, or between them.
  void answer(const std::string &ssid, core::ets_reports_result result);
  void answer_every_ssid(core::ets_reports_result result);
  // What check_credentials answers (ok, unless set).
  void answer_check(core::ets_token_result result);

  // Holds blocking fetches until open_gate(); wait_until_entered() returns once `count` fetches
  // are waiting (or have passed) at the gate.
  void close_gate();
  void open_gate();
  void wait_until_entered(int count = 1);

  int calls() const { return calls_.load(); }
  int checks() const { return checks_.load(); }
  int max_in_flight() const { return max_in_flight_.load(); }
  std::vector<std::string> ssids() const;                       // every fetch's SSID, in order
  std::vector<core::ets_credentials> credentials_used() const;  // every call's pair, in order

  void fetch_reports_async(const core::ets_credentials &credentials, std::string ssid,
                           reports_callback done) override;
  core::ets_reports_result fetch_reports(const core::ets_credentials &credentials,
                                         const std::string &ssid) override;
  core::ets_token_result check_credentials(const core::ets_credentials &credentials) override;

 private:
  core::ets_reports_result lookup(const std::string &ssid) const;  // with mutex_ held

  mutable std::mutex mutex_;
  std::condition_variable gate_;
  std::map<std::string, core::ets_reports_result> answers_;
  std::optional<core::ets_reports_result> every_ssid_;
  std::optional<core::ets_token_result> check_;
  std::vector<std::string> ssids_;
  std::vector<core::ets_credentials> credentials_;
  bool gate_closed_ = false;
  int entered_ = 0;
  std::vector<std::thread> deliveries_;
  std::atomic<int> calls_{0};
  std::atomic<int> checks_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

}  // namespace ssrlink::testing
