// The one way credential rows are written: one writer at a time, each Secret Key sealed with
// the key in force at the moment it is stored.
//
// Writers are serialised so a put cannot slip between a key rotation's read of every row and
// its write of them under the new key: such a put would be sealed with the old key, then
// overwritten by the rotation's copy of the old pair, or left under a key about to be retired.
#pragma once

#include <mutex>
#include <string_view>
#include <utility>

#include "../model/credentials.hpp"
#include "../ports/credential_store.hpp"
#include "sealer_in_force.hpp"

namespace ssrlink::core {

class credential_writes {
 public:
  // Both must outlive this.
  credential_writes(credential_store &store, const sealer_in_force &keys);

  // Seals `secret` for row.scope with the key in force, and stores the row (replacing the
  // scope's old one). row.sealed_secret is ignored. Throws failure(database) when the store
  // fails. Thread-safe.
  void put(stored_credentials row, std::string_view secret);

  // Removes the scope's row, if any. Thread-safe.
  void remove(std::string_view scope);

  // Runs `job` with no other write before it ends (key rotation), and returns what it returns.
  template <typename Job>
  decltype(auto) exclusively(Job &&job) {
    const std::lock_guard lock(mutex_);
    return std::forward<Job>(job)();
  }

 private:
  credential_store &store_;
  const sealer_in_force &keys_;
  std::mutex mutex_;
};

}  // namespace ssrlink::core
