#include "write_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <utility>
#include <vector>

namespace ssrlink::core {

write_pipeline::write_pipeline(student_recorder &recorder, std::size_t max_batch)
    : recorder_(recorder),
      max_batch_(std::max<std::size_t>(max_batch, 1)),
      writer_([this] { loop(); }) {}

write_pipeline::~write_pipeline() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();  // rule 6
  }
  work_.notify_one();
  writer_.join();
}

void write_pipeline::submit(pending_student student) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(student));
  }
  work_.notify_one();
}

void write_pipeline::flush(const std::function<void()> &while_waiting) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (error_) {
      std::rethrow_exception(error_);  // rule 5
    }
    if (queue_.empty() && !writing_) {
      return;
    }
    // Rule 3: the lease is kept alive while a slow database works through the queue.
    if (!idle_.wait_for(lock, std::chrono::seconds(1),
                        [&] { return error_ || (queue_.empty() && !writing_); })) {
      lock.unlock();
      if (while_waiting) {
        while_waiting();
      }
      lock.lock();
    }
  }
}

void write_pipeline::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || (!queue_.empty() && !error_); });
    if (stopping_) {
      return;
    }
    // Rule 2: what arrived since the last batch, capped.
    const auto take = static_cast<std::ptrdiff_t>(std::min(queue_.size(), max_batch_));
    std::vector<pending_student> batch(std::make_move_iterator(queue_.begin()),
                                       std::make_move_iterator(queue_.begin() + take));
    queue_.erase(queue_.begin(), queue_.begin() + take);
    writing_ = true;
    lock.unlock();
    std::exception_ptr error;
    try {
      recorder_.record(batch);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    writing_ = false;
    if (error) {
      error_ = error;  // rule 5: the rest waits for the flush that reports it
      queue_.clear();
    }
    if (error_ || queue_.empty()) {
      idle_.notify_all();
    }
  }
}

}  // namespace ssrlink::core
