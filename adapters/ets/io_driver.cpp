#include "io_driver.hpp"

namespace ssrlink::ets {

io_driver::io_driver(boost::asio::io_context &io) : io_(io) {
  // Started last: everything the thread touches exists by now.
  thread_ = std::thread([this] { background(); });
}

io_driver::~io_driver() {
  stop();
}

void io_driver::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  idle_wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void io_driver::started() {
  const std::lock_guard lock(mutex_);
  ++unwaited_;
  if (!driving_ && blocked_ == 0) {
    idle_wake_.notify_one();
  }
}

void io_driver::finished_unwaited() {
  const std::lock_guard lock(mutex_);
  --unwaited_;
}

void io_driver::finished(bool &done) {
  const std::lock_guard lock(mutex_);
  done = true;
  // Only a caller sleeping under rule 3 needs this; when the caller drives, no one waits.
  blocked_wake_.notify_all();
}

void io_driver::run_until(const bool &done) {
  std::unique_lock lock(mutex_);
  ++blocked_;
  while (!done) {
    if (driving_) {
      blocked_wake_.wait(lock);  // rule 3
      continue;
    }
    driving_ = true;  // rule 2
    lock.unlock();
    try {
      drive_until(done);
    } catch (...) {
      // A handler threw (none should: every completion catches). The next driver goes on.
      lock.lock();
      driving_ = false;
      --blocked_;
      hand_over_locked();
      throw;
    }
    lock.lock();
    driving_ = false;
    --blocked_;
    hand_over_locked();
    return;
  }
  --blocked_;
}

void io_driver::drive_until(const bool &done) {
  // `done` is written by finished(), which runs in a handler, and only the driver runs handlers:
  // this thread. So it is read here without the mutex.
  io_.restart();
  while (!done) {
    if (io_.run_one() == 0) {
      // Out of work with ours not done cannot happen (our work is pending work); should it,
      // start again rather than spin on a stopped io_context.
      io_.restart();
    }
  }
}

void io_driver::hand_over_locked() {
  if (blocked_ > 0) {
    blocked_wake_.notify_all();
  } else if (unwaited_ > 0 || stopping_) {
    idle_wake_.notify_one();
  }
}

void io_driver::background() {
  std::unique_lock lock(mutex_);
  for (;;) {
    idle_wake_.wait(lock,
                    [this] { return !driving_ && blocked_ == 0 && (unwaited_ > 0 || stopping_); });
    if (unwaited_ <= 0) {
      return;  // stopping, nothing left (rule 6)
    }
    driving_ = true;
    lock.unlock();
    io_.restart();
    io_.run();  // until out of work: every call started so far has ended
    lock.lock();
    driving_ = false;
    hand_over_locked();
  }
}

}  // namespace ssrlink::ets
