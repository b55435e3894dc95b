// A core::logger that keeps every line, for assertions about what was logged.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/ports/logger.hpp"

namespace ssrlink::core::testing {

class recording_logger : public logger {
 public:
  void log(log_level level, std::string_view message) override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(level, std::string(message));
  }
  std::vector<std::pair<log_level, std::string>> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  std::vector<std::string> at(log_level level) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto &[l, text] : lines_) {
      if (l == level) {
        out.push_back(text);
      }
    }
    return out;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    lines_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<log_level, std::string>> lines_;
};

}  // namespace ssrlink::core::testing
