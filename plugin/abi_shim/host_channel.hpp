// Every call from the library into the host's callbacks (ssrlink_host.log, now_ms, progress) of
// one plugin handle goes through its host_channel, which decides on which thread it may run.
//
// Without SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD a callback runs where the library needs it,
// on the caller's thread or on one of the library's own (the ETS I/O and decoder threads).
//
// With the flag, the rules are, in the order the code checks them:
//   1. A thread is a caller's thread while a call_scope of this channel is alive on it: the
//      trampolines open one for every ssrlink_* call on the handle, ssrlink_open and
//      ssrlink_close included.
//   2. On a caller's thread every callback runs at once, after the lines held so far (rule 3)
//      are delivered, so the host sees them in order.
//   3. Off a caller's thread a log line is held, at most max_held_lines of them; later ones are
//      only counted, and that count is delivered as one warning line after the held lines. A
//      progress report is held too, the newest replacing an older one (each is a snapshot).
//   4. Held lines are delivered on a caller's thread when its call_scope closes, so before the
//      ABI call returns; a line made while no call is running waits for the next call on the
//      handle, or for ssrlink_close.
//   5. now_ms: on a caller's thread the host is asked, and its answer is kept with the steady
//      clock's reading ("the anchor"); every call_scope opens by asking it once. Off a caller's
//      thread the host is never asked: the answer is the anchor plus the steady time elapsed
//      since it was taken. ssrlink_open takes the first anchor, so there always is one.
#pragma once

#include <ssrlink/ssrlink.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace ssrlink::shim {

class host_channel {
 public:
  // Rule 3's bound: enough for every line one slow call can make, small enough to never matter.
  static constexpr std::size_t max_held_lines = 1000;

  // `host` has been checked by copy_host (its flags are known ones).
  explicit host_channel(const ssrlink_host &host) noexcept;
  host_channel(const host_channel &) = delete;
  host_channel &operator=(const host_channel &) = delete;

  // Rule 1: marks this thread as inside an ssrlink_* call on the handle while it lives, and
  // delivers what is held when it ends (rule 4). Scopes do not nest (callbacks may not call
  // back into ssrlink), but a scope restores whatever mark it found, to be safe.
  class call_scope {
   public:
    explicit call_scope(host_channel &channel) noexcept;
    ~call_scope();
    call_scope(const call_scope &) = delete;
    call_scope &operator=(const call_scope &) = delete;

   private:
    host_channel &channel_;
    const host_channel *previous_;
  };

  bool has_log() const noexcept { return host_.log != nullptr; }
  bool has_progress() const noexcept { return host_.progress != nullptr; }

  // Thread-safe. Never throws: a line that cannot be held for want of memory is counted.
  void log(std::int32_t level, std::string_view message) noexcept;
  // Thread-safe; Unix milliseconds, from the host's now_ms or the system clock.
  std::int64_t now_ms() noexcept;
  // Thread-safe.
  void progress(const std::string &progress_json) noexcept;

  // Lines held and dropped so far (for tests).
  std::size_t held_lines() const;

 private:
  struct held_line {
    std::int32_t level;
    std::string text;
  };

  bool on_caller_thread() const noexcept;
  void deliver_held() noexcept;
  void take_anchor() noexcept;

  const ssrlink_host host_;
  const bool caller_thread_only_;

  mutable std::mutex mutex_;  // guards everything below
  std::deque<held_line> held_;
  std::size_t dropped_ = 0;
  std::optional<std::string> held_progress_;
  std::optional<std::int64_t> anchor_ms_;
  std::chrono::steady_clock::time_point anchor_taken_at_{};
};

}  // namespace ssrlink::shim
