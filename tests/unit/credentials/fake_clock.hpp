// A core::clock the test sets and advances by hand.
#pragma once

#include <atomic>

#include "core/ports/clock.hpp"

namespace ssrlink::core::testing {

class fake_clock : public clock {
 public:
  explicit fake_clock(time_point start) : now_(start) {}
  time_point now() const override { return now_.load(); }
  void set(time_point t) { now_.store(t); }
  void advance(std::chrono::milliseconds by) { now_.store(now_.load() + by); }

 private:
  std::atomic<time_point> now_;
};

}  // namespace ssrlink::core::testing
