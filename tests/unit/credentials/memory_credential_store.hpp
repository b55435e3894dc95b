// An in-memory credential_store for tests: rows can be inspected, store calls counted, and a
// hook runs after each put (to look at the service in the middle of a reseal).
#pragma once

#include <functional>
#include <map>
#include <mutex>

#include "core/ports/credential_store.hpp"

namespace ssrlink::core::testing {

class memory_credential_store : public credential_store {
 public:
  std::optional<stored_credentials> get(std::string_view scope) override {
    std::lock_guard lock(mutex_);
    ++gets_;
    auto it = rows_.find(std::string(scope));
    if (it == rows_.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  std::vector<stored_credentials> list() override {
    std::lock_guard lock(mutex_);
    std::vector<stored_credentials> out;
    for (const auto &[scope, row] : rows_) {
      out.push_back(row);
    }
    return out;
  }
  void put(const stored_credentials &row) override {
    std::function<void()> hook;
    {
      std::lock_guard lock(mutex_);
      rows_[row.scope] = row;
      hook = after_put_;
    }
    if (hook) {
      hook();
    }
  }
  void remove(std::string_view scope) override {
    std::lock_guard lock(mutex_);
    rows_.erase(std::string(scope));
  }

  // Test access.
  std::map<std::string, stored_credentials> rows() const {
    std::lock_guard lock(mutex_);
    return rows_;
  }
  void set_row(const stored_credentials &row) {
    std::lock_guard lock(mutex_);
    rows_[row.scope] = row;
  }
  int gets() const {
    std::lock_guard lock(mutex_);
    return gets_;
  }
  void after_put(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    after_put_ = std::move(hook);
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, stored_credentials> rows_;
  int gets_ = 0;
  std::function<void()> after_put_;
};

}  // namespace ssrlink::core::testing
