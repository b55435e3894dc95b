#include "odbc/transaction_scope.hpp"

#include "core/error.hpp"
#include "odbc/sweep/manual_transaction.hpp"

namespace ssrlink::odbc {

odbc_transaction_scope::odbc_transaction_scope(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

void odbc_transaction_scope::together(const std::function<void()> &writes) {
  connection_pool::lease held = pool_->acquire();
  try {
    manual_transaction transaction(*held);
    {
      const connection_pool::pinned_scope pinned(*pool_, *held);
      writes();
    }
    transaction.commit();
  } catch (const database_error &error) {
    // Only the transaction's own start or commit gets here (the writes' errors are already
    // failures); a connection that cannot start or end one is not trusted again.
    held.discard();
    throw core::failure(core::status::database,
                        "The database could not write the page's records together.",
                        error.detail());
  }
}

}  // namespace ssrlink::odbc
