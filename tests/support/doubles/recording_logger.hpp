// A core::logger that keeps every line, so tests can assert what was logged and, as much, what
// never was (a Secret Key, a token, a signed link). Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ports/logger.hpp"

namespace ssrlink::testing {

class recording_logger final : public core::logger {
 public:
  using line = std::pair<core::log_level, std::string>;

  void log(core::log_level level, std::string_view message) override {
    const std::lock_guard lock(mutex_);
    lines_.emplace_back(level, std::string(message));
  }

  std::vector<line> lines() const {
    const std::lock_guard lock(mutex_);
    return lines_;
  }
  // The messages alone, in order.
  std::vector<std::string> messages() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    out.reserve(lines_.size());
    for (const auto &entry : lines_) {
      out.push_back(entry.second);
    }
    return out;
  }
  // The messages logged at `level`, in order.
  std::vector<std::string> at(core::log_level level) const {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto &[logged_level, text] : lines_) {
      if (logged_level == level) {
        out.push_back(text);
      }
    }
    return out;
  }
  // True when any message contains `text`.
  bool mentions(std::string_view text) const {
    const std::lock_guard lock(mutex_);
    for (const auto &entry : lines_) {
      if (entry.second.find(text) != std::string::npos) {
        return true;
      }
    }
    return false;
  }
  // Every message, one a line: for a failed assertion's output.
  std::string joined() const {
    const std::lock_guard lock(mutex_);
    std::string out;
    for (const auto &entry : lines_) {
      out.append(entry.second).append("\n");
    }
    return out;
  }
  void clear() {
    const std::lock_guard lock(mutex_);
    lines_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<line> lines_;
};

}  // namespace ssrlink::testing
