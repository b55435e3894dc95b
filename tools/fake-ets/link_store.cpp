#include "link_store.hpp"

#include <openssl/crypto.h>

#include "text_util.hpp"

namespace ssrlink::fake_ets {

issued_link link_store::issue(document_facts facts, std::chrono::seconds ttl) {
  issued_link link{random_hex(16), random_hex(32), clock::now() + ttl};
  const std::lock_guard lock(mutex_);
  while (links_.size() >= capacity_ && !order_.empty()) {
    links_.erase(order_.front());
    order_.pop_front();
  }
  links_.emplace(link.id, entry{link.signature, link.expires_at, std::move(facts)});
  order_.push_back(link.id);
  return link;
}

link_lookup link_store::find(const std::string &id, const std::string &signature) const {
  const std::lock_guard lock(mutex_);
  const auto found = links_.find(id);
  if (found == links_.end()) {
    return {link_check::unknown, std::nullopt};
  }
  const entry &link = found->second;
  // Constant-time comparison, as a real signature check would do.
  if (signature.size() != link.signature.size() ||
      CRYPTO_memcmp(signature.data(), link.signature.data(), signature.size()) != 0) {
    return {link_check::bad_signature, std::nullopt};
  }
  if (clock::now() >= link.expires_at) {
    return {link_check::expired, std::nullopt};
  }
  return {link_check::valid, link.facts};
}

std::size_t link_store::size() const {
  const std::lock_guard lock(mutex_);
  return links_.size();
}

}  // namespace ssrlink::fake_ets
