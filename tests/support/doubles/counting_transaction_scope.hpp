// A core::transaction_scope in memory: runs the writes and counts the scopes. The memory stores
// have nothing to roll back, so tests check what the caller does around a scope (which writes go
// inside, what happens when one fails); tests/integration/odbc checks the real commit. Thread-safe.
#pragma once

#include <atomic>
#include <functional>

#include "core/ports/transaction_scope.hpp"

namespace ssrlink::testing {

class counting_transaction_scope final : public core::transaction_scope {
 public:
  void together(const std::function<void()> &writes) override {
    ++scopes_;
    writes();
  }
  int scopes() const { return scopes_.load(); }

 private:
  std::atomic<int> scopes_{0};
};

}  // namespace ssrlink::testing
