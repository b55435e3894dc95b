// Stand-ins for what the shared token client sits between: ETS itself (one service every
// "process" talks to, counting the tokens it issues), a client per process with a token cache
// that behaves as the real one does (refresh margin, one new token after a 401, adopted tokens
// never replacing longer-lived ones), and the shared store in memory with the table's semantics.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/ets_client.hpp"
#include "core/ports/ets_token_store.hpp"
#include "core/ports/logger.hpp"

namespace ssrlink::ets_token_testing {

using namespace std::chrono_literals;
using core::time_point;

class fake_clock final : public core::clock {
 public:
  time_point now() const override { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  time_point now_ = time_point{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}};
};

class recording_logger final : public core::logger {
 public:
  void log(core::log_level level, std::string_view message) override {
    const std::lock_guard lock(mutex_);
    lines.emplace_back(level, std::string(message));
  }
  std::vector<std::string> at(core::log_level level) const {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto &[l, text] : lines) {
      if (l == level) {
        out.push_back(text);
      }
    }
    return out;
  }
  bool mentions(const std::string &text) const {
    const std::lock_guard lock(mutex_);
    for (const auto &line : lines) {
      if (line.second.find(text) != std::string::npos) {
        return true;
      }
    }
    return false;
  }
  std::vector<std::pair<core::log_level, std::string>> lines;

 private:
  mutable std::mutex mutex_;
};

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

// ssrlink_ets_token in memory: served only before expires_at, conditional drop, purge on put.
class memory_token_store final : public core::ets_token_store {
 public:
  std::optional<core::stored_ets_token> get(std::string_view set_id, time_point now) override {
    ++gets;
    check();
    const auto it = rows.find(std::string(set_id));
    if (it == rows.end() || it->second.expires_at <= now) {
      return std::nullopt;
    }
    return it->second;
  }
  void put(std::string_view set_id, std::string_view sealed, time_point expires_at,
           time_point now) override {
    ++puts;
    check();
    std::erase_if(rows, [now](const auto &row) { return row.second.expires_at <= now; });
    rows[std::string(set_id)] = core::stored_ets_token{std::string(sealed), expires_at};
  }
  void drop(std::string_view set_id, std::string_view sealed) override {
    ++drops;
    check();
    const auto it = rows.find(std::string(set_id));
    if (it != rows.end() && it->second.sealed_token == sealed) {
      rows.erase(it);
    }
  }

  std::map<std::string, core::stored_ets_token> rows;
  bool fail = false;
  int gets = 0;
  int puts = 0;
  int drops = 0;

 private:
  void check() const {
    if (fail) {
      throw core::failure(core::status::database,
                          "The database has no table ssrlink_ets_token; run "
                          "sql/sqlite/migrations/0004_ets_token.sql (docs/dba-guide.md).",
                          "SQLSTATE 42S02");
    }
  }
};

}  // namespace ssrlink::ets_token_testing
