#include "credential_writes.hpp"

namespace ssrlink::core {

credential_writes::credential_writes(credential_store &store, const sealer_in_force &keys)
    : store_(store), keys_(keys) {}

void credential_writes::put(stored_credentials row, std::string_view secret) {
  // Sealed under the lock, so a key rotation cannot switch keys between seal and store.
  const std::lock_guard lock(mutex_);
  row.sealed_secret = keys_.current()->seal(secret, row.scope);
  store_.put(row);
}

void credential_writes::remove(std::string_view scope) {
  const std::lock_guard lock(mutex_);
  store_.remove(scope);
}

}  // namespace ssrlink::core
