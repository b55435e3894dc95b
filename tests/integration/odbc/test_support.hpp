// Small helpers shared by the ODBC integration tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/ports/logger.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc::testing {

// Keeps every message so tests can assert what was (and was not) logged.
class recording_logger final : public core::logger {
 public:
  void log(core::log_level, std::string_view message) override {
    std::lock_guard lock(mutex_);
    messages_.emplace_back(message);
  }
  std::vector<std::string> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> messages_;
};

// Runs one integer-valued query (no parameters) on the pool, e.g. a row count.
inline std::int64_t scalar(connection_pool &pool, const std::string &sql) {
  std::int64_t value = -1;
  pool.run({"run a test query", {}}, [&](connection &c) {
    statement &s = c.prepare(sql);
    s.execute({});
    if (s.fetch()) {
      value = s.integer(1).value_or(-1);
    }
    s.close();
  });
  return value;
}

inline core::time_point at_ms(std::int64_t ms) {
  return core::time_point{std::chrono::milliseconds{ms}};
}

}  // namespace ssrlink::odbc::testing
