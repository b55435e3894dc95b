#include "fake_ets_client.hpp"

#include <chrono>
#include <utility>

namespace ssrlink::testing {

core::ets_reports_result ets_failed(core::ets_error error, core::ets_fault fault) {
  core::ets_failure failure;
  failure.error = error;
  failure.fault = fault;
  return {failure};
}

fake_ets_client::~fake_ets_client() {
  open_gate();
  std::vector<std::thread> deliveries;
  {
    const std::lock_guard lock(mutex_);
    deliveries.swap(deliveries_);
  }
  for (std::thread &delivery : deliveries) {
    delivery.join();
  }
}

void fake_ets_client::answer(const std::string &ssid, core::ets_reports_result result) {
  const std::lock_guard lock(mutex_);
  answers_.insert_or_assign(ssid, std::move(result));
}

void fake_ets_client::answer_every_ssid(core::ets_reports_result result) {
  const std::lock_guard lock(mutex_);
  every_ssid_ = std::move(result);
}

void fake_ets_client::answer_check(core::ets_token_result result) {
  const std::lock_guard lock(mutex_);
  check_ = std::move(result);
}

void fake_ets_client::close_gate() {
  const std::lock_guard lock(mutex_);
  gate_closed_ = true;
}

void fake_ets_client::open_gate() {
  {
    const std::lock_guard lock(mutex_);
    gate_closed_ = false;
  }
  gate_.notify_all();
}

void fake_ets_client::wait_until_entered(int count) {
  std::unique_lock lock(mutex_);
  gate_.wait(lock, [&] { return entered_ >= count; });
}

std::vector<std::string> fake_ets_client::ssids() const {
  const std::lock_guard lock(mutex_);
  return ssids_;
}

std::vector<core::ets_credentials> fake_ets_client::credentials_used() const {
  const std::lock_guard lock(mutex_);
  return credentials_;
}

core::ets_reports_result fake_ets_client::lookup(const std::string &ssid) const {
  if (const auto found = answers_.find(ssid); found != answers_.end()) {
    return found->second;
  }
  if (every_ssid_) {
    return *every_ssid_;
  }
  return ets_failed(core::ets_error::ssid_not_found);
}

core::ets_reports_result fake_ets_client::fetch_reports(const core::ets_credentials &credentials,
                                                        const std::string &ssid) {
  ++calls_;
  std::unique_lock lock(mutex_);
  ssids_.push_back(ssid);
  credentials_.push_back(credentials);
  ++entered_;
  gate_.notify_all();
  gate_.wait(lock, [&] { return !gate_closed_; });
  return lookup(ssid);
}

void fake_ets_client::fetch_reports_async(const core::ets_credentials &credentials,
                                          std::string ssid, reports_callback done) {
  const int now_in_flight = ++in_flight_;
  int seen = max_in_flight_.load();
  while (now_in_flight > seen && !max_in_flight_.compare_exchange_weak(seen, now_in_flight)) {
  }
  core::ets_reports_result result = fetch_reports(credentials, ssid);
  const std::lock_guard lock(mutex_);
  // The answer arrives later, on another thread, as the real adapter's does. The pause only
  // makes calls overlap so that a caller's bound on calls in flight is exercised.
  deliveries_.emplace_back([this, result = std::move(result), done = std::move(done)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --in_flight_;
    done(std::move(result));
  });
}

core::ets_token_result fake_ets_client::check_credentials(
    const core::ets_credentials &credentials) {
  ++checks_;
  const std::lock_guard lock(mutex_);
  credentials_.push_back(credentials);
  return check_.value_or(core::ets_token_result{true, {}});
}

}  // namespace ssrlink::testing
