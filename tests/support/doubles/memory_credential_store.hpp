// An in-memory core::credential_store: rows can be inspected and planted, reads counted, and a
// hook runs after each put (to look at the credential units in the middle of a key rotation).
// Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ports/credential_store.hpp"

namespace ssrlink::testing {

class memory_credential_store final : public core::credential_store {
 public:
  std::optional<core::stored_credentials> get(std::string_view scope) override {
    const std::lock_guard lock(mutex_);
    ++gets_;
    const auto it = rows_.find(std::string(scope));
    if (it == rows_.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  std::vector<core::stored_credentials> list() override {
    const std::lock_guard lock(mutex_);
    std::vector<core::stored_credentials> out;
    out.reserve(rows_.size());
    for (const auto &entry : rows_) {
      out.push_back(entry.second);
    }
    return out;
  }
  void put(const core::stored_credentials &row) override {
    std::function<void()> hook;
    {
      const std::lock_guard lock(mutex_);
      rows_[row.scope] = row;
      hook = after_put_;
    }
    // Outside the lock: the hook may read the store again.
    if (hook) {
      hook();
    }
  }
  void remove(std::string_view scope) override {
    const std::lock_guard lock(mutex_);
    rows_.erase(std::string(scope));
  }

  // Test access: every row by scope.
  std::map<std::string, core::stored_credentials> rows() const {
    const std::lock_guard lock(mutex_);
    return rows_;
  }
  // Plants a row as another process (or a tamperer) would, without the hook.
  void set_row(const core::stored_credentials &row) {
    const std::lock_guard lock(mutex_);
    rows_[row.scope] = row;
  }
  // How many times get() was called.
  int gets() const {
    const std::lock_guard lock(mutex_);
    return gets_;
  }
  // Runs `hook` after every later put; an empty function ends that.
  void after_put(std::function<void()> hook) {
    const std::lock_guard lock(mutex_);
    after_put_ = std::move(hook);
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, core::stored_credentials> rows_;
  int gets_ = 0;
  std::function<void()> after_put_;
};

}  // namespace ssrlink::testing
