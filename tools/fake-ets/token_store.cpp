#include "token_store.hpp"

#include "text_util.hpp"

namespace ssrlink::fake_ets {

std::string token_store::issue(const std::string &username, std::chrono::seconds lifetime) {
  std::string token = random_hex(24);
  const std::lock_guard lock(mutex_);
  make_room();
  tokens_[token] = entry{username, clock::now() + lifetime};
  return token;
}

bool token_store::valid(const std::string &token) const {
  const std::lock_guard lock(mutex_);
  const auto found = tokens_.find(token);
  return found != tokens_.end() && clock::now() < found->second.expires_at;
}

void token_store::revoke(const std::string &token) {
  const std::lock_guard lock(mutex_);
  tokens_.erase(token);
}

void token_store::revoke_user(const std::string &username) {
  const std::lock_guard lock(mutex_);
  std::erase_if(tokens_, [&](const auto &item) { return item.second.username == username; });
}

void token_store::revoke_all() {
  const std::lock_guard lock(mutex_);
  tokens_.clear();
}

void token_store::make_room() {
  if (tokens_.size() < capacity_) {
    return;
  }
  const auto now = clock::now();
  std::erase_if(tokens_, [&](const auto &item) { return item.second.expires_at <= now; });
  // Still full of live tokens: drop an arbitrary one. A client holding it sees a 401 and
  // refreshes, which is behaviour the real service may show too.
  if (tokens_.size() >= capacity_) {
    tokens_.erase(tokens_.begin());
  }
}

}  // namespace ssrlink::fake_ets
