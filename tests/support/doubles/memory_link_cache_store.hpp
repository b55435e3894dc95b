// A core::link_cache_store in memory: the ssrlink_link_cache table without a database. Expired
// rows are misses, as the table's `expires_at > now` read makes them. Tests may plant or inspect
// rows (a garbled payload, a copied row) and make every call fail. Thread-safe.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/ports/link_cache.hpp"

namespace ssrlink::testing {

class memory_link_cache_store final : public core::link_cache_store {
 public:
  struct row {
    std::string payload;
    core::time_point expires_at;
  };

  std::optional<std::string> get(std::string_view key, core::time_point now) override {
    const std::lock_guard lock(mutex_);
    if (failing_) {
      throw core::failure(core::status::database,
                          "The table ssrlink_link_cache could not be read.");
    }
    const auto found = rows_.find(key);
    if (found == rows_.end() || found->second.expires_at <= now) {
      return std::nullopt;
    }
    return found->second.payload;
  }

  void put(std::string_view key, std::string_view payload, core::time_point expires_at,
           core::time_point /*now*/) override {
    const std::lock_guard lock(mutex_);
    if (failing_) {
      throw core::failure(core::status::database,
                          "The table ssrlink_link_cache could not be written.");
    }
    ++puts_;
    rows_.insert_or_assign(std::string(key), row{std::string(payload), expires_at});
  }

  // Plants a row as another process (or someone with database access) would.
  void set(const std::string &key, std::string payload, core::time_point expires_at) {
    const std::lock_guard lock(mutex_);
    rows_.insert_or_assign(key, row{std::move(payload), expires_at});
  }
  // Replaces a row's payload, keeping its expiry; a row that does not exist is created expired.
  void set_payload(const std::string &key, std::string payload) {
    const std::lock_guard lock(mutex_);
    rows_[key].payload = std::move(payload);
  }
  std::optional<row> find(std::string_view key) const {
    const std::lock_guard lock(mutex_);
    const auto found = rows_.find(key);
    return found == rows_.end() ? std::nullopt : std::optional<row>(found->second);
  }
  std::map<std::string, row, std::less<>> rows() const {
    const std::lock_guard lock(mutex_);
    return rows_;
  }
  // Calls to put() that wrote a row.
  int puts() const {
    const std::lock_guard lock(mutex_);
    return puts_;
  }
  // From now on every get() and put() throws failure(database), as an unreachable table does.
  void fail_every_call(bool failing = true) {
    const std::lock_guard lock(mutex_);
    failing_ = failing;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, row, std::less<>> rows_;
  int puts_ = 0;
  bool failing_ = false;
};

}  // namespace ssrlink::testing
