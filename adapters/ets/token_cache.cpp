#include "token_cache.hpp"

#include <algorithm>

namespace ssrlink::ets {

std::optional<std::string> token_cache::get(const std::string &set_id, core::time_point now) const {
  const auto it = entries_.find(set_id);
  if (it == entries_.end() || it->second.expires_at - refresh_margin <= now) {
    return std::nullopt;
  }
  return it->second.token;
}

void token_cache::put(const std::string &set_id, std::string token, std::chrono::seconds lifetime,
                      core::time_point now) {
  if (entries_.size() >= max_entries && !entries_.contains(set_id)) {
    std::erase_if(entries_, [now](const auto &kv) { return kv.second.expires_at <= now; });
    if (entries_.size() >= max_entries) {
      const auto soonest = std::min_element(
          entries_.begin(), entries_.end(),
          [](const auto &a, const auto &b) { return a.second.expires_at < b.second.expires_at; });
      entries_.erase(soonest);
    }
  }
  entries_[set_id] = entry{std::move(token), now + lifetime};
}

void token_cache::invalidate(const std::string &set_id, const std::string &token) {
  const auto it = entries_.find(set_id);
  if (it != entries_.end() && it->second.token == token) {
    entries_.erase(it);
  }
}

}  // namespace ssrlink::ets
