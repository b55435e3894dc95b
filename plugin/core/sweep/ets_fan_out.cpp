#include "ets_fan_out.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>

namespace ssrlink::core {

namespace {

// Answers handed from the adapter's threads to the calling thread. Shared with the callbacks, so
// it outlives any call still in flight when fetch_all unwinds.
class completion_queue {
 public:
  using answer = std::pair<std::size_t, ets_reports_result>;

  void push(std::size_t index, ets_reports_result result) {
    {
      const std::lock_guard lock(mutex_);
      done_.emplace_back(index, std::move(result));
    }
    ready_.notify_one();
  }

  // Waits for the next answer.
  answer pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !done_.empty(); });
    answer next = std::move(done_.front());
    done_.pop_front();
    return next;
  }

  // Waits until `count` answers are waiting: every call still in flight has answered.
  void wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return done_.size() >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<answer> done_;
};

}  // namespace

void fetch_all(ets_client &ets, unsigned concurrency, const std::vector<fetch_job> &jobs,
               const answer_handler &handle) {
  const std::size_t bound = std::max(concurrency, 1U);  // 0 would wait for an answer never asked
  auto queue = std::make_shared<completion_queue>();
  std::size_t next = 0;
  std::size_t in_flight = 0;  // touched on this thread only
  std::size_t handled = 0;
  try {
    while (handled < jobs.size()) {
      while (next < jobs.size() && in_flight < bound) {
        const fetch_job &job = jobs[next];
        ets.fetch_reports_async(*job.credentials, job.ssid,
                                [queue, index = next](ets_reports_result result) {
                                  queue->push(index, std::move(result));
                                });
        // Counted once the call is started: a call that threw never answers, and waiting for
        // it on unwind would never end.
        ++in_flight;
        ++next;
      }
      auto [index, result] = queue->pop();
      --in_flight;
      ++handled;
      handle(index, result);
    }
  } catch (...) {
    queue->wait_for(in_flight);
    throw;
  }
}

}  // namespace ssrlink::core
