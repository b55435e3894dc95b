#include "token_cache.hpp"

#include <algorithm>

namespace ssrlink::ets {

std::optional<std::string> token_cache::get(const std::string &set_id, core::time_point now) const {
  auto found = lookup(set_id, now);
  if (!found) {
    return std::nullopt;
  }
  return std::move(found->value);
}

std::optional<core::ets_token> token_cache::lookup(const std::string &set_id,
                                                   core::time_point now) const {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(set_id);
  if (it == entries_.end() || it->second.expires_at - refresh_margin <= now) {
    return std::nullopt;
  }
  return core::ets_token{it->second.token, it->second.expires_at};
}

void token_cache::put(const std::string &set_id, std::string token, std::chrono::seconds lifetime,
                      core::time_point now) {
  const std::lock_guard lock(mutex_);
  make_room(set_id, now);
  entries_[set_id] = entry{std::move(token), now + lifetime};
}

bool token_cache::adopt(const std::string &set_id, std::string token, core::time_point expires_at,
                        core::time_point now) {
  if (expires_at - refresh_margin <= now) {
    return false;  // get() would never hand it out
  }
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(set_id);
  if (it != entries_.end() && it->second.expires_at >= expires_at) {
    return false;
  }
  make_room(set_id, now);
  entries_[set_id] = entry{std::move(token), expires_at};
  return true;
}

void token_cache::make_room(const std::string &set_id, core::time_point now) {
  if (entries_.size() >= max_entries && !entries_.contains(set_id)) {
    std::erase_if(entries_, [now](const auto &kv) { return kv.second.expires_at <= now; });
    if (entries_.size() >= max_entries) {
      const auto soonest = std::min_element(
          entries_.begin(), entries_.end(),
          [](const auto &a, const auto &b) { return a.second.expires_at < b.second.expires_at; });
      entries_.erase(soonest);
    }
  }
}

void token_cache::invalidate(const std::string &set_id, const std::string &token) {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(set_id);
  if (it != entries_.end() && it->second.token == token) {
    entries_.erase(it);
  }
}

std::size_t token_cache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace ssrlink::ets
