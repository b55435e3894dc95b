// The prepared reports (prepared_reports.hpp) of the answers the link cache holds, so that every
// warm render of one entry, page and language shares one preparation.
//
// Rules:
//  1. An entry is keyed by the answer it was prepared from (the link cache shares one answer
//     object between every hit of a cache entry, link_cache.hpp), the page and the language; it
//     is used only while that answer is alive, so a new answer at a reused address is prepared
//     afresh, never served another answer's links.
//  2. Preparation runs without the lock held; two callers preparing one key at once both
//     prepare, and the first stored is kept (the results are equal).
//  3. Bounded: every `sweep_every` preparations, and whenever the memo is at `capacity`, the
//     entries of answers no longer alive are dropped (an entry keeps its preparation, a few KB,
//     alive: without the sweep, the answers a busy cold path replaces would pile up to
//     `capacity`); at capacity with every answer alive, the memo starts empty again. Memory stays
//     flat however many students are viewed and however often their links are fetched.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "../model/ets_outcome.hpp"
#include "prepared_reports.hpp"

namespace ssrlink::core {

class prepared_reports_cache {
 public:
  using prepare_function = std::function<std::shared_ptr<const prepared_reports>()>;

  static constexpr std::size_t sweep_every = 256;  // rule 3

  explicit prepared_reports_cache(std::size_t capacity);

  // Thread-safe. `prepare` runs at most once per call, on the calling thread, without the lock
  // held; an exception from it reaches the caller and stores nothing.
  std::shared_ptr<const prepared_reports> get_or_prepare(
      const std::shared_ptr<const ets_reports_result> &answer, report_page_kind page,
      ui_language language, const prepare_function &prepare);

  std::size_t size() const;

 private:
  struct key {
    const ets_reports_result *answer;
    report_page_kind page;
    ui_language language;
    bool operator==(const key &) const = default;
  };
  struct key_hash {
    std::size_t operator()(const key &k) const noexcept;
  };
  struct entry {
    std::weak_ptr<const ets_reports_result> answer;  // rule 1
    std::shared_ptr<const prepared_reports> prepared;
  };

  void make_room();  // rule 3; lock held

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::size_t prepared_since_sweep_ = 0;
  std::unordered_map<key, entry, key_hash> entries_;
};

}  // namespace ssrlink::core
