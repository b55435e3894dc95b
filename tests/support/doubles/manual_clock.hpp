// A core::clock that stands still until the test moves it. Thread-safe: services read it from
// their own threads while the test advances it.
#pragma once

#include <atomic>
#include <chrono>

#include "core/ports/clock.hpp"

namespace ssrlink::testing {

class manual_clock final : public core::clock {
 public:
  // 2026-11-23 00:00 UTC unless told otherwise: a fixed day, so tests never depend on today.
  static constexpr core::time_point default_start{
      std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}.time_since_epoch()};

  explicit manual_clock(core::time_point start = default_start) : now_(start) {}

  core::time_point now() const override { return now_.load(); }
  void set(core::time_point at) { now_.store(at); }
  void advance(std::chrono::milliseconds by) { now_.store(now_.load() + by); }

 private:
  std::atomic<core::time_point> now_;
};

// A clock that moves `step` every time it is read: work that takes "long" (a slow batch whose
// lease must be renewed) without waiting. Thread-safe.
class stepping_clock final : public core::clock {
 public:
  explicit stepping_clock(std::chrono::milliseconds step,
                          core::time_point start = manual_clock::default_start)
      : step_(step), now_(start) {}

  core::time_point now() const override { return now_.fetch_add_step(step_); }

 private:
  // std::atomic<time_point> has no fetch_add; a compare-exchange loop does the same.
  struct atomic_instant {
    explicit atomic_instant(core::time_point start) : value(start) {}
    core::time_point fetch_add_step(std::chrono::milliseconds by) const {
      core::time_point seen = value.load();
      while (!value.compare_exchange_weak(seen, seen + by)) {
      }
      return seen + by;
    }
    mutable std::atomic<core::time_point> value;
  };

  std::chrono::milliseconds step_;
  atomic_instant now_;
};

// The real time, for integration tests that talk to real servers.
class system_clock final : public core::clock {
 public:
  core::time_point now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace ssrlink::testing
