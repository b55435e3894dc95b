// What the shared token client sits between, apart from the store (doubles/memory_ets_token_store):
// ETS itself, one service every "process" talks to, counting the tokens it issues; and a client
// per process whose token cache behaves as the real one does (refresh margin, one new token
// after a 401, adopted tokens never replacing longer-lived ones). The shared fake_ets_client has
// no token cache to model, so these stay here.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ports/clock.hpp"
#include "core/ports/ets_client.hpp"

namespace ssrlink::ets_token_testing {

using core::time_point;

// ETS: issues numbered tokens and accepts those it has not revoked or seen expire.
class fake_ets_service {
 public:
  explicit fake_ets_service(const core::clock &clock) : clock_(clock) {}

  std::optional<core::ets_token> issue() {
    if (token_endpoint_down) {
      return std::nullopt;
    }
    ++tokens_issued;
    // Named by a serial of its own: tests may zero tokens_issued, tokens stay distinct.
    core::ets_token token{"tok-" + std::to_string(++serial_) + "-Zq8", clock_.now() + lifetime};
    live_[token.value] = token.expires_at;
    return token;
  }
  bool accepts(const std::string &token) const {
    const auto it = live_.find(token);
    return it != live_.end() && clock_.now() < it->second;
  }
  void revoke_all() { live_.clear(); }

  std::chrono::seconds lifetime{3600};
  bool token_endpoint_down = false;
  int tokens_issued = 0;
  int report_requests = 0;
  std::vector<std::string> tokens_used;  // the bearer of every report request

 private:
  const core::clock &clock_;
  int serial_ = 0;
  std::map<std::string, time_point> live_;
};

// One host process's ETS client.
class caching_client final : public core::ets_client {
 public:
  caching_client(fake_ets_service &ets, const core::clock &clock) : ets_(ets), clock_(clock) {}

  core::ets_reports_result fetch_reports(const core::ets_credentials &credentials,
                                         const std::string &) override {
    for (bool refreshed : {false, true}) {
      const auto token = token_for(credentials.set_id);
      if (!token) {
        return failed(core::ets_error::processing_error, core::ets_fault::unreachable);
      }
      ++ets_.report_requests;
      ets_.tokens_used.push_back(*token);
      if (ets_.accepts(*token)) {
        return core::ets_reports_result{core::report_links{}};
      }
      cache_.erase(credentials.set_id);  // 401: drop it, one new token, one more try
      if (refreshed) {
        break;
      }
    }
    return failed(core::ets_error::not_authorized, core::ets_fault::answered);
  }

  // Keeps the call; deliver() runs it, as the client's decoding thread would, later.
  void fetch_reports_async(const core::ets_credentials &credentials, std::string ssid,
                           reports_callback done) override {
    pending_.push_back([this, credentials, ssid, done = std::move(done)] {
      done(fetch_reports(credentials, ssid));
    });
  }
  void deliver() {
    auto calls = std::move(pending_);
    pending_.clear();
    for (auto &call : calls) {
      call();
    }
  }

  core::ets_token_result check_credentials(const core::ets_credentials &credentials) override {
    const auto token = ets_.issue();
    if (!token) {
      return {false, {}};
    }
    cache_[credentials.set_id] = *token;
    return {true, {}};
  }

  std::optional<core::ets_token> current_token(const std::string &set_id) override {
    ++current_token_calls;
    const auto it = cache_.find(set_id);
    if (it == cache_.end() || !live(it->second)) {
      return std::nullopt;
    }
    return it->second;
  }

  void adopt_token(const std::string &set_id, const core::ets_token &token) override {
    ++adoptions;
    const auto it = cache_.find(set_id);
    if (!live(token) || (it != cache_.end() && it->second.expires_at >= token.expires_at)) {
      return;
    }
    cache_[set_id] = token;
  }

  int current_token_calls = 0;
  int adoptions = 0;

 private:
  bool live(const core::ets_token &t) const {
    return t.expires_at - core::ets_token_refresh_margin > clock_.now();
  }
  std::optional<std::string> token_for(const std::string &set_id) {
    if (auto held = current_token(set_id)) {
      return held->value;
    }
    const auto fresh = ets_.issue();
    if (!fresh) {
      return std::nullopt;
    }
    cache_[set_id] = *fresh;
    return fresh->value;
  }
  static core::ets_reports_result failed(core::ets_error e, core::ets_fault f) {
    return core::ets_reports_result{core::ets_failure{e, f, 0, "test"}};
  }

  fake_ets_service &ets_;
  const core::clock &clock_;
  std::map<std::string, core::ets_token> cache_;
  std::vector<std::function<void()>> pending_;
};

}  // namespace ssrlink::ets_token_testing
