#include "sealer_in_force.hpp"

#include <utility>

#include "../error.hpp"

namespace ssrlink::core {

sealer_in_force::sealer_in_force(std::shared_ptr<const secret_sealer> sealer)
    : current_(std::move(sealer)) {
  if (!current_) {
    throw failure(status::internal, "The credential service was started without a sealer.");
  }
}

std::shared_ptr<const secret_sealer> sealer_in_force::current() const {
  const std::lock_guard lock(mutex_);
  return current_;
}

std::optional<std::string> sealer_in_force::open(const stored_credentials &row) const {
  // Both copied under the lock, then used outside it: a slow open must not hold up a rotation,
  // and the copies keep both keys alive for as long as this reader needs them.
  std::shared_ptr<const secret_sealer> current;
  std::shared_ptr<const secret_sealer> incoming;
  {
    const std::lock_guard lock(mutex_);
    current = current_;
    incoming = incoming_;
  }
  auto secret = current->open(row.sealed_secret, row.scope);  // rule 1
  if (!secret && incoming != nullptr) {
    secret = incoming->open(row.sealed_secret, row.scope);  // rule 2
  }
  return secret;  // rule 3 when still empty
}

void sealer_in_force::accept_incoming(std::shared_ptr<const secret_sealer> incoming) {
  const std::lock_guard lock(mutex_);
  incoming_ = std::move(incoming);
}

void sealer_in_force::settle(bool adopt) {
  const std::lock_guard lock(mutex_);
  if (adopt && incoming_ != nullptr) {
    current_ = std::move(incoming_);
  }
  incoming_ = nullptr;
}

}  // namespace ssrlink::core
