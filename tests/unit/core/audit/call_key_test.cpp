#include "core/audit/call_key.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace ssrlink::core {
namespace {

TEST(call_key, is_32_hex_digits_and_fresh_on_every_call_and_thread) {
  std::set<std::string> keys;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        const std::string key = new_call_key();
        ASSERT_EQ(key.size(), 32U);
        ASSERT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
        std::lock_guard lock(mutex);
        keys.insert(key);
      }
    });
  }
  for (auto &thread : threads) {
    thread.join();
  }
  EXPECT_EQ(keys.size(), 4000U);  // no repeats, also across threads seeded at the same time
}

}  // namespace
}  // namespace ssrlink::core
