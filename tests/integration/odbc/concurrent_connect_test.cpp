// Many threads opening connections at the same moment, on both real drivers. psqlODBC calls
// setlocale() while it connects, which is not thread-safe; the pool therefore opens and closes
// one connection at a time per process (connection_pool.cpp). Under ThreadSanitizer (the
// "concurrency" label runs this binary in the TSan stage) an unserialised connect is reported as
// a data race inside the C library and the run fails; without TSan these tests still prove that
// every thread got a working connection.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

#include "backends.hpp"
#include "core/time.hpp"
#include "odbc/connection_pool.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

// Rounds of simultaneous connects: enough that TSan caught the race on every run before the
// pool serialised connecting (each round starts every thread at one latch).
constexpr int rounds = 12;
constexpr int threads = 8;

template <class Backend>
class concurrent_connect_test : public ::testing::Test {
 protected:
  void SetUp() override { connection_string_ = Backend::fresh_database(); }

  std::string connection_string_;
  recording_logger log_;
};

TYPED_TEST_SUITE(concurrent_connect_test, backends, backend_names);

// Every thread its own pool, as several plugin handles in one host process have: the gate must
// hold across pools, not only inside one.
TYPED_TEST(concurrent_connect_test, threads_with_their_own_pools_connect_at_once) {
  for (int round = 0; round < rounds; ++round) {
    std::latch start(threads);
    std::atomic<int> answered{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        pool_options options;
        options.size = 1;
        auto pool =
            std::make_unique<connection_pool>(this->connection_string_, options, this->log_);
        start.arrive_and_wait();
        try {
          if (scalar(*pool, "SELECT 1") == 1) {
            ++answered;
          }
        } catch (const std::exception &) {
          // counted as not answered
        }
        pool.reset();  // disconnects while the other threads still connect
      });
    }
    for (auto &w : workers) {
      w.join();
    }
    ASSERT_EQ(answered.load(), threads) << "round " << round;
  }
}

// One pool, every connection leased at the same time, so the pool opens them all at once.
TYPED_TEST(concurrent_connect_test, one_pool_opens_all_its_connections_at_once) {
  for (int round = 0; round < rounds; ++round) {
    pool_options options;
    options.size = threads;
    connection_pool pool(this->connection_string_, options, this->log_);
    std::latch start(threads);
    std::latch leased(threads);
    std::atomic<int> answered{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        start.arrive_and_wait();
        bool arrived = false;
        try {
          auto held = pool.acquire();
          // Every thread holds its lease until all have one: eight distinct connections.
          arrived = true;
          leased.arrive_and_wait();
          statement &s = held->prepare("SELECT 1");
          s.execute({});
          if (s.fetch() && s.integer(1).value_or(0) == 1) {
            ++answered;
          }
          s.close();
        } catch (const std::exception &) {
          if (!arrived) {
            leased.count_down();  // the others must not wait for a lease that never came
          }
        }
      });
    }
    for (auto &w : workers) {
      w.join();
    }
    ASSERT_EQ(answered.load(), threads) << "round " << round;
    EXPECT_EQ(pool.connections_opened(), static_cast<std::uint64_t>(threads));
  }
}

}  // namespace
}  // namespace ssrlink::odbc::testing
