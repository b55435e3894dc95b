#include "host_channel.hpp"

#include <utility>

namespace ssrlink::shim {
namespace {

// The channel whose ssrlink_* call this thread is inside, if any (rule 1). A plain pointer:
// nothing to destroy at thread exit, and the library is never unloaded (-z nodelete), so the
// slot outlives every thread that uses it.
thread_local const host_channel *current_channel = nullptr;

std::int64_t system_now_ms() noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

host_channel::host_channel(const ssrlink_host &host) noexcept
    : host_(host),
      caller_thread_only_((host.flags & SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD) != 0) {}

host_channel::call_scope::call_scope(host_channel &channel) noexcept
    : channel_(channel), previous_(current_channel) {
  current_channel = &channel;
  if (channel.caller_thread_only_) {
    channel.take_anchor();  // rule 5: every call refreshes the anchor the library's threads use
  }
}

host_channel::call_scope::~call_scope() {
  if (channel_.caller_thread_only_) {
    channel_.deliver_held();  // rule 4, still marked as the caller's thread
  }
  current_channel = previous_;
}

bool host_channel::on_caller_thread() const noexcept {
  return current_channel == this;
}

void host_channel::log(std::int32_t level, std::string_view message) noexcept {
  if (host_.log == nullptr) {
    return;
  }
  if (caller_thread_only_ && !on_caller_thread()) {
    // Rule 3.
    std::lock_guard lock(mutex_);
    if (held_.size() >= max_held_lines) {
      ++dropped_;
      return;
    }
    try {
      held_.push_back(held_line{level, std::string(message)});
    } catch (...) {
      ++dropped_;  // out of memory: the count still tells the host something was lost
    }
    return;
  }
  if (caller_thread_only_) {
    deliver_held();  // rule 2: older lines first
  }
  try {
    const std::string text(message);  // NUL-terminated copy for the host
    host_.log(host_.context, level, text.c_str(), text.size());
  } catch (...) {
    // Out of memory for the copy: the line is lost, the call goes on.
  }
}

std::int64_t host_channel::now_ms() noexcept {
  if (host_.now_ms == nullptr) {
    return system_now_ms();
  }
  if (!caller_thread_only_) {
    return host_.now_ms(host_.context);
  }
  if (on_caller_thread()) {
    take_anchor();
    std::lock_guard lock(mutex_);
    return *anchor_ms_;
  }
  // Rule 5, off a caller's thread: the host is not asked.
  std::lock_guard lock(mutex_);
  if (!anchor_ms_) {
    return system_now_ms();  // not reached: ssrlink_open takes the first anchor
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - anchor_taken_at_);
  return *anchor_ms_ + elapsed.count();
}

void host_channel::take_anchor() noexcept {
  if (host_.now_ms == nullptr) {
    return;
  }
  const std::int64_t now = host_.now_ms(host_.context);
  const auto taken_at = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  anchor_ms_ = now;
  anchor_taken_at_ = taken_at;
}

void host_channel::progress(const std::string &progress_json) noexcept {
  if (host_.progress == nullptr) {
    return;
  }
  if (caller_thread_only_ && !on_caller_thread()) {
    std::lock_guard lock(mutex_);
    try {
      held_progress_ = progress_json;  // rule 3: the newest snapshot replaces an older one
    } catch (...) {
      // Out of memory: the next report carries the same counts, and more.
    }
    return;
  }
  if (caller_thread_only_) {
    deliver_held();
  }
  host_.progress(host_.context, progress_json.c_str(), progress_json.size());
}

void host_channel::deliver_held() noexcept {
  std::deque<held_line> lines;
  std::size_t dropped = 0;
  std::optional<std::string> progress;
  {
    std::lock_guard lock(mutex_);
    lines.swap(held_);
    std::swap(dropped, dropped_);
    progress.swap(held_progress_);
  }
  // Delivered outside the lock: a slow host callback must not stall the library's threads.
  for (const held_line &line : lines) {
    host_.log(host_.context, line.level, line.text.c_str(), line.text.size());
  }
  if (dropped != 0) {
    try {
      const std::string text =
          "ssrlink: " + std::to_string(dropped) +
          " log lines from the library's own threads were dropped: more than " +
          std::to_string(max_held_lines) + " waited for a call on this handle to deliver them.";
      host_.log(host_.context, SSRLINK_LOG_WARNING, text.c_str(), text.size());
    } catch (...) {
      // Out of memory for the sentence; nothing better to do.
    }
  }
  if (progress && host_.progress != nullptr) {
    host_.progress(host_.context, progress->c_str(), progress->size());
  }
}

std::size_t host_channel::held_lines() const {
  std::lock_guard lock(mutex_);
  return held_.size() + dropped_;
}

}  // namespace ssrlink::shim
