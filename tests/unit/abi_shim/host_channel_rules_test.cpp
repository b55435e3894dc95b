// The rules of plugin/abi_shim/host_channel.hpp, one by one, with a recording host: which thread
// each callback ran on, what was held, when it was delivered, what was dropped, and what now_ms
// answers off a caller's thread. (caller_thread_host.c checks the same through the real library
// and fake-ets.)
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "abi_shim/host_channel.hpp"

namespace {

using ssrlink::shim::host_channel;

struct recording_host {
  std::mutex mutex;
  std::vector<std::string> lines;
  std::vector<std::thread::id> line_threads;
  std::vector<std::string> progress;
  std::vector<std::thread::id> now_threads;
  std::atomic<std::int64_t> now{1'700'000'000'000};

  ssrlink_host host(std::uint32_t flags) {
    ssrlink_host h{};
    h.struct_size = sizeof h;
    h.context = this;
    h.log = [](void *context, int32_t, const char *message, size_t length) {
      auto &self = *static_cast<recording_host *>(context);
      std::lock_guard lock(self.mutex);
      self.lines.emplace_back(message, length);
      self.line_threads.push_back(std::this_thread::get_id());
    };
    h.now_ms = [](void *context) -> std::int64_t {
      auto &self = *static_cast<recording_host *>(context);
      std::lock_guard lock(self.mutex);
      self.now_threads.push_back(std::this_thread::get_id());
      return self.now.load();
    };
    h.progress = [](void *context, const char *json, size_t length) {
      auto &self = *static_cast<recording_host *>(context);
      std::lock_guard lock(self.mutex);
      self.progress.emplace_back(json, length);
    };
    h.flags = flags;
    return h;
  }
};

// Runs `work` on a thread of "the library" (one that is inside no call) and waits for it.
template <class Work>
void on_library_thread(Work work) {
  std::thread thread(work);
  thread.join();
}

TEST(HostChannel, WithoutTheFlagLibraryThreadsCallTheHostDirectly) {
  recording_host rec;
  host_channel channel(rec.host(0));
  std::thread::id library_thread;
  on_library_thread([&] {
    library_thread = std::this_thread::get_id();
    channel.log(SSRLINK_LOG_INFO, "from the I/O thread");
    EXPECT_EQ(channel.now_ms(), rec.now.load());
  });
  ASSERT_EQ(rec.lines.size(), 1U);
  EXPECT_EQ(rec.line_threads[0], library_thread);
  ASSERT_EQ(rec.now_threads.size(), 1U);
  EXPECT_EQ(rec.now_threads[0], library_thread);
}

TEST(HostChannel, WithTheFlagLinesAreHeldUntilACallEndsAndDeliveredOnItsThread) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  on_library_thread([&] {
    channel.log(SSRLINK_LOG_DEBUG, "one");
    channel.log(SSRLINK_LOG_WARNING, "two");
  });
  EXPECT_TRUE(rec.lines.empty()) << "held: no call is running";
  EXPECT_EQ(channel.held_lines(), 2U);
  {
    host_channel::call_scope scope(channel);
    on_library_thread([&] { channel.log(SSRLINK_LOG_INFO, "three"); });
    EXPECT_TRUE(rec.lines.empty()) << "held until the call ends or logs itself";
  }
  ASSERT_EQ(rec.lines, (std::vector<std::string>{"one", "two", "three"}));
  for (const auto &id : rec.line_threads) {
    EXPECT_EQ(id, std::this_thread::get_id());
  }
  EXPECT_EQ(channel.held_lines(), 0U);
}

TEST(HostChannel, ACallersOwnLineComesAfterTheHeldOnes) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  on_library_thread([&] { channel.log(SSRLINK_LOG_INFO, "held"); });
  host_channel::call_scope scope(channel);
  channel.log(SSRLINK_LOG_INFO, "mine");
  EXPECT_EQ(rec.lines, (std::vector<std::string>{"held", "mine"}));
}

TEST(HostChannel, AtMostAThousandLinesAreHeldThenOneLineCountsTheRest) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  on_library_thread([&] {
    for (int i = 0; i < 1500; ++i) {
      channel.log(SSRLINK_LOG_DEBUG, "line " + std::to_string(i));
    }
  });
  { host_channel::call_scope scope(channel); }
  ASSERT_EQ(rec.lines.size(), host_channel::max_held_lines + 1);
  EXPECT_EQ(rec.lines.front(), "line 0");
  EXPECT_EQ(rec.lines[host_channel::max_held_lines - 1], "line 999");
  EXPECT_NE(rec.lines.back().find("500 log lines"), std::string::npos) << rec.lines.back();
  EXPECT_NE(rec.lines.back().find("dropped"), std::string::npos);
  // The count starts again after delivery.
  rec.lines.clear();
  on_library_thread([&] { channel.log(SSRLINK_LOG_DEBUG, "again"); });
  { host_channel::call_scope scope(channel); }
  EXPECT_EQ(rec.lines, (std::vector<std::string>{"again"}));
}

TEST(HostChannel, NowOffACallersThreadIsTheAnchorPlusSteadyTimeAndNeverAsksTheHost) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  {
    host_channel::call_scope scope(channel);  // takes the anchor: the host is asked here
  }
  ASSERT_EQ(rec.now_threads.size(), 1U);
  EXPECT_EQ(rec.now_threads[0], std::this_thread::get_id());
  const std::int64_t anchor = rec.now.load();
  rec.now = anchor + 3'600'000;  // the host's clock moves on; the library's threads do not ask
  std::int64_t seen = 0;
  on_library_thread([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    seen = channel.now_ms();
  });
  EXPECT_EQ(rec.now_threads.size(), 1U) << "now_ms was called off a caller's thread";
  EXPECT_GE(seen, anchor + 30);
  EXPECT_LT(seen, anchor + 60'000);
  // A caller's thread asks the host and moves the anchor.
  {
    host_channel::call_scope scope(channel);
    EXPECT_EQ(channel.now_ms(), anchor + 3'600'000);
  }
  on_library_thread([&] { seen = channel.now_ms(); });
  EXPECT_GE(seen, anchor + 3'600'000);
  EXPECT_LT(seen, anchor + 3'600'000 + 60'000);
  for (const auto &id : rec.now_threads) {
    EXPECT_EQ(id, std::this_thread::get_id());
  }
}

TEST(HostChannel, ProgressOffACallersThreadKeepsTheNewestReport) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  on_library_thread([&] {
    channel.progress(R"({"batches":1})");
    channel.progress(R"({"batches":2})");
  });
  EXPECT_TRUE(rec.progress.empty());
  { host_channel::call_scope scope(channel); }
  EXPECT_EQ(rec.progress, (std::vector<std::string>{R"({"batches":2})"}));
}

TEST(HostChannel, ACallOnOneHandleDoesNotMakeItsThreadACallerOfAnother) {
  recording_host first_host;
  recording_host second_host;
  host_channel first(first_host.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  host_channel second(second_host.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  host_channel::call_scope scope(first);
  second.log(SSRLINK_LOG_INFO, "for the second handle");
  EXPECT_TRUE(second_host.lines.empty());
  EXPECT_EQ(second.held_lines(), 1U);
}

}  // namespace
