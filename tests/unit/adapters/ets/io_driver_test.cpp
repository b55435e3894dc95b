// adapters/ets/io_driver: who runs the ETS client's io_context, one test per rule of the header,
// over a plain io_context and timers (no network). Label unit, so TSan runs it too.
#include "ets/io_driver.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace ssrlink::ets {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// Counts the handlers running at once: rule 1 says never more than one.
struct overlap_meter {
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  void enter() {
    const int now = ++inside;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
  }
  void leave() { --inside; }
};

// Work that takes a timer's wait and ends with finished(done): a blocking call in miniature.
void post_waited(asio::io_context &io, io_driver &driver, bool &done, overlap_meter &meter,
                 std::thread::id &ran_on, std::chrono::milliseconds wait) {
  asio::post(io, [&io, &driver, &done, &meter, &ran_on, wait] {
    meter.enter();
    auto timer = std::make_shared<asio::steady_timer>(io, wait);
    meter.leave();
    timer->async_wait([timer, &driver, &done, &meter, &ran_on](const auto &) {
      meter.enter();
      ran_on = std::this_thread::get_id();
      meter.leave();
      driver.finished(done);
    });
  });
}

// Work nobody waits on (a sweep's call in miniature): a timer's wait, then `ended` and the
// thread it ended on are set and finished_unwaited() is called. Announced with started().
struct unwaited_work {
  std::atomic<bool> ended{false};
  std::thread::id ran_on;

  void start(asio::io_context &io, io_driver &driver, std::chrono::milliseconds wait) {
    auto timer = std::make_shared<asio::steady_timer>(io, wait);
    asio::post(io, [this, &driver, timer] {
      timer->async_wait([this, &driver, timer](const auto &) {
        ran_on = std::this_thread::get_id();
        ended = true;
        driver.finished_unwaited();
      });
    });
    driver.started();
  }
  // Waits up to two seconds for it to end; whether it did.
  bool wait_ended() const {
    for (int i = 0; i < 2000 && !ended; ++i) {
      std::this_thread::sleep_for(1ms);
    }
    return ended;
  }
};

TEST(io_driver, rule_2_a_blocking_caller_runs_its_own_work_when_no_one_else_does) {
  asio::io_context io;
  io_driver driver(io);
  overlap_meter meter;
  for (int i = 0; i < 3; ++i) {
    bool done = false;
    std::thread::id ran_on;
    post_waited(io, driver, done, meter, ran_on, 1ms);
    driver.run_until(done);
    EXPECT_TRUE(done);
    EXPECT_EQ(ran_on, std::this_thread::get_id()) << "round " << i;
  }
}

TEST(io_driver, rule_4_work_nobody_waits_on_runs_on_the_drivers_own_thread) {
  asio::io_context io;
  io_driver driver(io);
  unwaited_work work;
  work.start(io, driver, 1ms);
  ASSERT_TRUE(work.wait_ended()) << "nobody ran the io_context";
  EXPECT_NE(work.ran_on, std::this_thread::get_id());
}

TEST(io_driver, rules_1_and_3_many_blocking_callers_each_end_and_never_two_handlers_at_once) {
  asio::io_context io;
  io_driver driver(io);
  overlap_meter meter;
  constexpr int callers = 8;
  constexpr int rounds = 20;
  std::atomic<int> ended{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < callers; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < rounds; ++i) {
        bool done = false;
        std::thread::id ran_on;
        post_waited(io, driver, done, meter, ran_on, std::chrono::milliseconds((t + i) % 3));
        driver.run_until(done);
        if (done) {
          ++ended;
        }
      }
    });
  }
  for (auto &t : threads) {
    t.join();
  }
  EXPECT_EQ(ended.load(), callers * rounds);
  EXPECT_EQ(meter.most.load(), 1);
}

TEST(io_driver, rule_2_a_driving_caller_also_keeps_other_work_moving) {
  // A long call drives; a short one nobody waits on, started meanwhile, must not wait for it
  // (no one's deadline waits for another call).
  asio::io_context io;
  io_driver driver(io);
  overlap_meter meter;
  bool long_done = false;
  std::thread::id long_ran_on;
  post_waited(io, driver, long_done, meter, long_ran_on, 300ms);
  unwaited_work short_work;
  std::thread other([&] {
    std::this_thread::sleep_for(20ms);  // the long call's caller is driving by now
    short_work.start(io, driver, 1ms);
  });
  driver.run_until(long_done);
  other.join();
  EXPECT_TRUE(long_done);
  EXPECT_TRUE(short_work.ended.load()) << "the short call waited for the long one";
  EXPECT_EQ(short_work.ran_on, std::this_thread::get_id());
}

TEST(io_driver, rule_5_work_left_when_a_caller_stops_driving_is_handed_over) {
  asio::io_context io;
  io_driver driver(io);
  overlap_meter meter;
  // Work nobody waits on that outlives the blocking call below.
  unwaited_work late;
  late.start(io, driver, 100ms);
  bool done = false;
  std::thread::id ran_on;
  post_waited(io, driver, done, meter, ran_on, 1ms);
  driver.run_until(done);
  EXPECT_TRUE(late.wait_ended()) << "no one drove after the caller left";
}

TEST(io_driver, rule_6_stop_lets_pending_work_end_first) {
  asio::io_context io;
  unwaited_work work;
  {
    io_driver driver(io);
    work.start(io, driver, 50ms);
  }  // the destructor stops the driver
  EXPECT_TRUE(work.ended.load());
}

}  // namespace
}  // namespace ssrlink::ets
