// plugin/abi_shim/host_services: how the host's ssrlink_host reaches the core. copy_host reads
// only what the host's struct_size covers and refuses a struct it cannot trust; host_logger,
// host_clock and host_progress bridge the core's ports to the host's callbacks through the
// handle's host_channel (levels, bytes, milliseconds, and defaults for callbacks left out).
#include "abi_shim/host_services.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "recording_host.hpp"

namespace ssrlink::shim {
namespace {

using testing::host_callbacks;
using testing::on_library_thread;
using testing::recording_host;

void log_line(void *, std::int32_t, const char *, std::size_t) {}
std::int64_t clock_at_zero(void *) {
  return 0;
}
void progress_report(void *, const char *, std::size_t) {}

// A host built against this header with every callback and the one known flag set.
ssrlink_host full_host() {
  ssrlink_host host{};
  host.struct_size = sizeof host;
  host.context = &host;
  host.log = log_line;
  host.now_ms = clock_at_zero;
  host.progress = progress_report;
  host.flags = SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD;
  return host;
}

// A host built against a newer header: our struct, then fields this library does not know.
struct newer_host {
  ssrlink_host host;
  std::uint64_t unknown_fields[4];
};

TEST(CopyHost, NoHostMeansEveryDefault) {
  ssrlink_host out = full_host();
  EXPECT_EQ(copy_host(nullptr, out), "");
  EXPECT_EQ(out.struct_size, sizeof(ssrlink_host));
  EXPECT_EQ(out.context, nullptr);
  EXPECT_EQ(out.log, nullptr);
  EXPECT_EQ(out.now_ms, nullptr);
  EXPECT_EQ(out.progress, nullptr);
  EXPECT_EQ(out.flags, 0U);
}

TEST(CopyHost, AnOlderHeadersStructIsReadOnlyAsFarAsItsSize) {
  // The memory past an older host's struct is not its own: here it holds callbacks and a flag,
  // and none of it may be copied.
  struct older_size {
    std::size_t size;
    bool log, now_ms, progress, flags;
  };
  const older_size sizes[] = {
      {offsetof(ssrlink_host, log), false, false, false, false},
      {offsetof(ssrlink_host, now_ms), true, false, false, false},
      {offsetof(ssrlink_host, progress), true, true, false, false},
      {offsetof(ssrlink_host, flags), true, true, true, false},
      {offsetof(ssrlink_host, flags) + sizeof(std::uint32_t), true, true, true, true},
      {sizeof(ssrlink_host), true, true, true, true},
  };
  for (const older_size &older : sizes) {
    ssrlink_host host = full_host();
    host.struct_size = static_cast<std::uint32_t>(older.size);
    ssrlink_host out{};
    EXPECT_EQ(copy_host(&host, out), "") << older.size;
    EXPECT_EQ(out.struct_size, sizeof(ssrlink_host)) << "what the library then reads is its own";
    EXPECT_EQ(out.context, &host) << older.size;
    EXPECT_EQ(out.log != nullptr, older.log) << older.size;
    EXPECT_EQ(out.now_ms != nullptr, older.now_ms) << older.size;
    EXPECT_EQ(out.progress != nullptr, older.progress) << older.size;
    EXPECT_EQ(out.flags != 0, older.flags) << older.size;
  }
}

TEST(CopyHost, ASizeThatDoesNotEndOnAFieldIsRefusedAndNothingIsCopied) {
  const std::size_t sizes[] = {
      0,
      sizeof(std::uint32_t),              // struct_size alone, without context
      offsetof(ssrlink_host, log) + 4,    // half of the log pointer
      offsetof(ssrlink_host, flags) + 2,  // half of flags
      sizeof(ssrlink_host) + 4,           // larger, but not a whole number of fields
      4096 + alignof(ssrlink_host),       // larger than any header will be
  };
  for (const std::size_t size : sizes) {
    ssrlink_host host = full_host();
    host.struct_size = static_cast<std::uint32_t>(size);
    ssrlink_host out = full_host();
    const std::string problem = copy_host(&host, out);
    EXPECT_NE(problem.find("struct_size is " + std::to_string(size)), std::string::npos) << problem;
    EXPECT_NE(problem.find("sizeof(ssrlink_host)"), std::string::npos) << problem;
    EXPECT_EQ(out.log, nullptr) << size;
    EXPECT_EQ(out.now_ms, nullptr) << size;
    EXPECT_EQ(out.progress, nullptr) << size;
    EXPECT_EQ(out.flags, 0U) << size;
  }
}

TEST(CopyHost, ANewerHeadersStructIsTakenWhenWhatWeDoNotKnowIsZero) {
  newer_host newer{};
  newer.host = full_host();
  newer.host.struct_size = sizeof newer;
  ssrlink_host out{};
  EXPECT_EQ(copy_host(&newer.host, out), "");
  EXPECT_EQ(out.struct_size, sizeof(ssrlink_host));
  EXPECT_EQ(out.log, &log_line);
  EXPECT_EQ(out.now_ms, &clock_at_zero);
  EXPECT_EQ(out.progress, &progress_report);
  EXPECT_EQ(out.flags, std::uint32_t{SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD});
}

TEST(CopyHost, ANewerHeadersStructAskingForMoreIsRefused) {
  for (std::size_t field = 0; field < 4; ++field) {
    newer_host newer{};
    newer.host = full_host();
    newer.host.struct_size = sizeof newer;
    newer.unknown_fields[field] = 1;
    ssrlink_host out{};
    const std::string problem = copy_host(&newer.host, out);
    EXPECT_NE(problem.find("does not know"), std::string::npos) << problem;
    EXPECT_NE(problem.find("ABI " + std::to_string(SSRLINK_ABI_VERSION)), std::string::npos)
        << problem;
    EXPECT_EQ(out.log, nullptr) << "refused before anything was copied";
  }
}

TEST(CopyHost, UnknownFlagsAreRefusedByName) {
  ssrlink_host host = full_host();
  host.flags = SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD | 0x6U;
  ssrlink_host out{};
  const std::string problem = copy_host(&host, out);
  EXPECT_NE(problem.find("ssrlink_host.flags"), std::string::npos) << problem;
  EXPECT_NE(problem.find("(0x6)"), std::string::npos) << "only the unknown bits: " << problem;
  EXPECT_NE(problem.find("SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD"), std::string::npos);

  host.flags = 0x80000000U;
  EXPECT_NE(copy_host(&host, out).find("(0x80000000)"), std::string::npos);
}

TEST(HostLogger, EachLevelReachesTheHostAsItsConstant) {
  recording_host rec;
  host_channel channel(rec.host());
  host_logger log(channel);
  log.log(core::log_level::debug, "d");
  log.log(core::log_level::info, "i");
  log.log(core::log_level::warning, "w");
  log.log(core::log_level::error, "e");
  ASSERT_EQ(rec.lines.size(), 4U);
  EXPECT_EQ(rec.lines[0].level, SSRLINK_LOG_DEBUG);
  EXPECT_EQ(rec.lines[1].level, SSRLINK_LOG_INFO);
  EXPECT_EQ(rec.lines[2].level, SSRLINK_LOG_WARNING);
  EXPECT_EQ(rec.lines[3].level, SSRLINK_LOG_ERROR);
  EXPECT_EQ(rec.texts(), (std::vector<std::string>{"d", "i", "w", "e"}));
}

TEST(HostLogger, TheHostGetsExactlyTheMessagesBytesNulTerminated) {
  recording_host rec;
  host_channel channel(rec.host());
  host_logger log(channel);
  // A view into a longer text: what follows it must not reach the host.
  const std::string text = "ETS answered in 120 ms; and what follows is not the message";
  log.log(core::log_level::info, std::string_view(text).substr(0, 23));
  log.log(core::log_level::info, "");
  log.log(core::log_level::info, "Élève 1001: «relevé» prêt");  // UTF-8 passes unchanged
  ASSERT_EQ(rec.lines.size(), 3U);
  EXPECT_EQ(rec.lines[0].text, "ETS answered in 120 ms;");
  EXPECT_EQ(rec.lines[1].text, "");
  EXPECT_EQ(rec.lines[2].text, "Élève 1001: «relevé» prêt");
  for (const auto &line : rec.lines) {
    EXPECT_TRUE(line.nul_terminated) << line.text;
  }
}

TEST(HostLogger, WithoutALogCallbackLinesGoNowhere) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD, host_callbacks{false}));
  host_logger log(channel);
  log.log(core::log_level::error, "on the caller's thread");
  on_library_thread([&] { log.log(core::log_level::error, "on a library thread"); });
  EXPECT_EQ(channel.held_lines(), 0U) << "nothing is held for a host that reads no lines";
  { const host_channel::call_scope scope(channel); }
  EXPECT_TRUE(rec.lines.empty());
}

TEST(HostLogger, LinesGoThroughTheChannelsThreadRules) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  host_logger log(channel);
  on_library_thread([&] { log.log(core::log_level::warning, "from the ETS thread"); });
  EXPECT_TRUE(rec.lines.empty()) << "held until a call on the handle ends";
  { const host_channel::call_scope scope(channel); }
  ASSERT_EQ(rec.lines.size(), 1U);
  EXPECT_EQ(rec.lines[0].level, SSRLINK_LOG_WARNING) << "a held line keeps its level";
  EXPECT_EQ(rec.lines[0].thread, std::this_thread::get_id());
}

TEST(HostClock, NowIsTheHostsUnixMilliseconds) {
  recording_host rec;
  host_channel channel(rec.host());
  const host_clock clock(channel);
  rec.now = 1'795'000'000'123;  // 2026-11-18T11:06:40.123Z
  EXPECT_EQ(clock.now().time_since_epoch(), std::chrono::milliseconds(1'795'000'000'123));
  rec.now = -86'400'000;  // a day before 1970: passed on, not clamped
  EXPECT_EQ(clock.now().time_since_epoch(), std::chrono::milliseconds(-86'400'000));
  EXPECT_EQ(rec.now_calls.load(), 2);
}

TEST(HostClock, WithoutNowMsItIsTheSystemClock) {
  recording_host rec;
  host_channel channel(rec.host(0, host_callbacks{true, false, true}));
  const host_clock clock(channel);
  const auto before = std::chrono::system_clock::now();
  const auto now = clock.now();
  const auto after = std::chrono::system_clock::now();
  EXPECT_GE(now, std::chrono::time_point_cast<std::chrono::milliseconds>(before));
  EXPECT_LE(now, after);
  EXPECT_EQ(rec.now_calls.load(), 0);
}

TEST(HostClock, ALibraryThreadReadsTheAnchorWhenCallbacksStayOnTheCallersThread) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  const host_clock clock(channel);
  { const host_channel::call_scope scope(channel); }  // as ssrlink_open does: the first anchor
  const int asked = rec.now_calls.load();
  core::time_point seen{};
  on_library_thread([&] { seen = clock.now(); });
  EXPECT_EQ(rec.now_calls.load(), asked) << "the host was asked off a caller's thread";
  EXPECT_GE(seen.time_since_epoch(), std::chrono::milliseconds(rec.now.load()));
  EXPECT_LT(seen.time_since_epoch(), std::chrono::milliseconds(rec.now.load() + 60'000));
}

TEST(HostProgress, EmptyWhenTheHostGivesNoProgressCallback) {
  recording_host rec;
  host_channel channel(rec.host(0, host_callbacks{true, true, false}));
  EXPECT_FALSE(host_progress(channel)) << "the sweep then builds no reports at all";
}

TEST(HostProgress, ReportsReachTheHostThroughTheChannel) {
  recording_host rec;
  host_channel channel(rec.host(SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD));
  const auto progress = host_progress(channel);
  ASSERT_TRUE(progress);
  {
    const host_channel::call_scope scope(channel);
    progress(R"({"batches_done":1})");
    EXPECT_EQ(rec.progress, (std::vector<std::string>{R"({"batches_done":1})"}));
    on_library_thread([&] { progress(R"({"batches_done":2})"); });
    EXPECT_EQ(rec.progress.size(), 1U) << "a library thread's report waits for the call's end";
  }
  EXPECT_EQ(rec.progress.back(), R"({"batches_done":2})");
}

}  // namespace
}  // namespace ssrlink::shim
