// Small helpers shared by the ODBC integration tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/time.hpp"
#include "doubles/recording_logger.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc::testing {

// The one recording logger (tests/support/doubles), under the name these tests use.
using ssrlink::testing::recording_logger;

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
