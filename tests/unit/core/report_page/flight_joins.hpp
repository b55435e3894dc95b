// Counts the callers that started waiting for another caller's fetch of the same key (the link
// cache's on_wait seam), so a single-flight test can hold ETS until all of them have joined.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>

namespace ssrlink::test {

class flight_joins {
 public:
  // For link_cache_options::on_wait. The counter must outlive every cache given the hook.
  std::function<void()> hook() {
    return [this] {
      {
        const std::lock_guard lock(mutex_);
        ++joined_;
      }
      joined_changed_.notify_all();
    };
  }
  // Blocks until at least `count` callers have joined a flight.
  void wait_for(int count) {
    std::unique_lock lock(mutex_);
    joined_changed_.wait(lock, [&] { return joined_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable joined_changed_;
  int joined_ = 0;
};

}  // namespace ssrlink::test
