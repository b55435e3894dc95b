#include "secret_wipe.hpp"

#include <cstddef>

namespace ssrlink::core {

void wipe(std::string &secret) {
  // The compiler may not drop a volatile store, as it may a plain one to memory about to be
  // freed.
  volatile char *p = secret.data();
  for (std::size_t i = 0; i < secret.size(); ++i) {
    p[i] = 0;
  }
  secret.clear();
}

wiped_on_exit::~wiped_on_exit() {
  if (target_ != nullptr) {
    wipe(*target_);
  }
  if (optional_ != nullptr && optional_->has_value()) {
    wipe(**optional_);
  }
}

}  // namespace ssrlink::core
