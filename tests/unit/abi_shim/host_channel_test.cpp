// plugin/abi_shim/host_channel beyond its five rules (which tests/abi/host_channel_test.cpp
// checks one by one): a host that leaves callbacks out, the order of held lines against a
// caller's own progress report, the level of what was held or dropped, and a call_scope that
// restores the mark it found.
#include "abi_shim/host_channel.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "recording_host.hpp"

namespace ssrlink::shim {
namespace {

using testing::host_callbacks;
using testing::on_library_thread;
using testing::recording_host;

std::int64_t system_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(HostChannelDefaults, AHostWithoutCallbacksGetsNothingAndTheSystemClock) {
  for (const std::uint32_t flags : {0U, std::uint32_t{SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD}}) {
    recording_host rec;
    host_channel channel(rec.host(flags, host_callbacks{false, false, false}));
    EXPECT_FALSE(channel.has_log());
    EXPECT_FALSE(channel.has_progress());
    const host_channel::call_scope scope(channel);
    const std::int64_t before = system_ms();
    const std::int64_t now = channel.now_ms();
    EXPECT_GE(now, before) << flags;
    EXPECT_LE(now, system_ms()) << flags;
    channel.log(SSRLINK_LOG_ERROR, "nobody reads this");
    channel.progress(R"({"batches_done":1})");
    on_library_thread([&] {
      channel.log(SSRLINK_LOG_ERROR, "nor this");
      channel.progress(R"({"batches_done":2})");
      const std::int64_t off_thread = channel.now_ms();
      EXPECT_GE(off_thread, before) << "no anchor without now_ms: the system clock";
      EXPECT_LE(off_thread, system_ms());
    });
    EXPECT_EQ(channel.held_lines(), 0U) << flags;
  }
}

TEST(HostChannelDefaults, WithoutTheFlagALibraryThreadsProgressReachesTheHostAtOnce) {
  recording_host rec;
  host_channel channel(rec.host(0));
  on_library_thread([&] { channel.progress(R"({"batches_done":3})"); });
  EXPECT_EQ(rec.progress, (std::vector<std::string>{R"({"batches_done":3})"}));
}

TEST(HostChannelOrder, HeldLinesComeBeforeACallersOwnProgressReport) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  on_library_thread([&] { channel.log(SSRLINK_LOG_INFO, "batch 1 fetched"); });
  const host_channel::call_scope scope(channel);
  EXPECT_TRUE(rec.lines.empty());
  channel.progress(R"({"batches_done":1})");
  EXPECT_EQ(rec.texts(), (std::vector<std::string>{"batch 1 fetched"}));
  EXPECT_EQ(rec.progress.size(), 1U);
}

TEST(HostChannelOrder, HeldLinesKeepTheirLevelAndTheDroppedCountIsAWarning) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  on_library_thread([&] {
    channel.log(SSRLINK_LOG_ERROR, "first");
    for (std::size_t i = 1; i <= host_channel::max_held_lines; ++i) {
      channel.log(SSRLINK_LOG_DEBUG, "more");
    }
  });
  { const host_channel::call_scope scope(channel); }
  ASSERT_EQ(rec.lines.size(), host_channel::max_held_lines + 1);
  EXPECT_EQ(rec.lines.front().level, SSRLINK_LOG_ERROR);
  EXPECT_EQ(rec.lines[1].level, SSRLINK_LOG_DEBUG);
  EXPECT_EQ(rec.lines.back().level, SSRLINK_LOG_WARNING);
  EXPECT_NE(rec.lines.back().text.find("1 log lines"), std::string::npos) << rec.lines.back().text;
  for (const auto &line : rec.lines) {
    EXPECT_TRUE(line.nul_terminated);
    EXPECT_EQ(line.thread, std::this_thread::get_id());
  }
}

TEST(HostChannelScope, AnInnerScopeRestoresTheMarkItFound) {
  recording_host outer_host;
  recording_host inner_host;
  host_channel outer(outer_host.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  host_channel inner(inner_host.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  const host_channel::call_scope outer_scope(outer);
  { const host_channel::call_scope inner_scope(inner); }
  outer.log(SSRLINK_LOG_INFO, "still inside the outer call");
  EXPECT_EQ(outer_host.texts(), (std::vector<std::string>{"still inside the outer call"}))
      << "the thread is a caller of the outer handle again";
  EXPECT_EQ(outer.held_lines(), 0U);
}

TEST(HostChannelScope, AfterTheLastScopeTheThreadIsNoCallerAnyMore) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  { const host_channel::call_scope scope(channel); }
  channel.log(SSRLINK_LOG_INFO, "between calls");
  EXPECT_TRUE(rec.lines.empty());
  EXPECT_EQ(channel.held_lines(), 1U);
}

}  // namespace
}  // namespace ssrlink::shim
