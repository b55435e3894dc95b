// A core::logger that keeps every line, for assertions about what was logged.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/ports/logger.hpp"

namespace ssrlink::crypto::testing {

class recording_logger : public core::logger {
 public:
  void log(core::log_level level, std::string_view message) override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(level, std::string(message));
  }
  std::vector<std::pair<core::log_level, std::string>> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<core::log_level, std::string>> lines_;
};

}  // namespace ssrlink::crypto::testing
