// core::transaction_scope over the pool: one leased connection in manual-commit mode, pinned to
// the calling thread (connection_pool::pinned_scope), so every port of this pool that writes
// inside `together` writes on it, and one SQLEndTran commits them all.
#pragma once

#include <memory>

#include "core/ports/transaction_scope.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_transaction_scope final : public core::transaction_scope {
 public:
  explicit odbc_transaction_scope(std::shared_ptr<connection_pool> pool);

  // Thread-safe. Starting or committing the transaction fails with failure(database); the
  // writes' own failures pass through, after the rollback. No retry on a lost connection: the
  // writes may not be safe to repeat as a whole, so the caller decides.
  void together(const std::function<void()> &writes) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
