#include "prepared_reports_cache.hpp"

#include <algorithm>

namespace ssrlink::core {

prepared_reports_cache::prepared_reports_cache(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 1)) {}

std::size_t prepared_reports_cache::key_hash::operator()(const key &k) const noexcept {
  const std::size_t where = std::hash<const void *>{}(k.answer);
  const auto kind = static_cast<std::size_t>(k.page) * 4 + static_cast<std::size_t>(k.language);
  return where ^ (kind + 0x9e3779b97f4a7c15ULL + (where << 6) + (where >> 2));
}

std::shared_ptr<const prepared_reports> prepared_reports_cache::get_or_prepare(
    const std::shared_ptr<const ets_reports_result> &answer, report_page_kind page,
    ui_language language, const prepare_function &prepare) {
  const key k{answer.get(), page, language};
  {
    std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(k); it != entries_.end()) {
      // Rule 1: `answer` is alive (the caller holds it), so an entry whose answer is alive was
      // prepared from this very object; one whose answer died belongs to an earlier object.
      if (!it->second.answer.expired()) {
        return it->second.prepared;
      }
      entries_.erase(it);
    }
  }
  std::shared_ptr<const prepared_reports> prepared = prepare();  // rule 2
  std::lock_guard lock(mutex_);
  if (++prepared_since_sweep_ >= sweep_every || entries_.size() >= capacity_) {
    make_room();
  }
  const auto [it, inserted] = entries_.try_emplace(k, entry{answer, prepared});
  if (!inserted && it->second.answer.expired()) {
    it->second = entry{answer, prepared};
  }
  return it->second.prepared;
}

void prepared_reports_cache::make_room() {
  prepared_since_sweep_ = 0;
  std::erase_if(entries_, [](const auto &item) { return item.second.answer.expired(); });
  if (entries_.size() >= capacity_) {
    entries_.clear();
  }
}

std::size_t prepared_reports_cache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace ssrlink::core
