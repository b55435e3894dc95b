// Hostile ETS answers over real TLS: a flood of junk items must not hold up another caller or
// flood the host's log, a connection with bytes left after an answer must not carry the next
// request, and an answer must name the student it was asked for.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "ets/ets_client_factory.hpp"
#include "test_support.hpp"

namespace ssrlink::ets::testing {
namespace {

using core::ets_error;
using core::ets_fault;
using namespace std::chrono_literals;
using std::chrono::steady_clock;

// A host logger that costs what writing a line to a file costs. The attack that motivated
// these tests got 7.6 s out of 200,000 lines, about this much per line.
class slow_host_logger final : public core::logger {
 public:
  static constexpr auto per_line = 40us;

  void log(core::log_level level, std::string_view message) override {
    std::this_thread::sleep_for(per_line);
    record.log(level, message);
  }

  recording_logger record;
};

class ets_hostile_answers : public ::testing::Test {
 protected:
  static constexpr auto timeout = 2000ms;
  // Scheduling and TLS on a loaded machine; far below what one line per junk item costs.
  static constexpr auto slack = 1000ms;
  slow_host_logger log;
  system_clock clock;
  std::unique_ptr<core::ets_client> client =
      make_ets_client(settings_for(server(), timeout), log, clock);

  void SetUp() override {
    // Warm the token, so each call below is one report request and nothing else.
    ASSERT_TRUE(client->check_credentials(district()).ok);
  }
  void TearDown() override { EXPECT_FALSE(leaked_secret(log.record)) << log.record.joined(); }

  // Lines about the hostile answer: the item summary, or a give-up.
  std::size_t lines_about_report_lists() const {
    std::size_t n = 0;
    for (const std::string &message : log.record.messages()) {
      if (message.find("ETS report list") != std::string::npos ||
          message.find("report request gave up") != std::string::npos) {
        ++n;
      }
    }
    return n;
  }

  // The other student's call, started while the hostile answer is on its way or being decoded.
  // Its answer comes 1000 ms late, so it arrives while a client that decodes on the io thread
  // would still be busy with the 200,000 items.
  void expect_normal_call_within_its_deadline() {
    const auto start = steady_clock::now();
    const auto r = client->fetch_reports(district(), ssid::slow_reports);
    const auto took = steady_clock::now() - start;
    ASSERT_TRUE(r.ok()) << r.failure().detail;
    EXPECT_EQ(r.reports().size(), 1u);
    EXPECT_LT(took, timeout + slack) << "the normal call waited for the hostile one; log:\n"
                                     << log.record.joined();
  }

  void expect_bounded_hostile_result(const core::ets_reports_result &hostile) {
    ASSERT_TRUE(hostile.ok()) << hostile.failure().detail;
    // The one real report comes first; the junk items after it are counted, not kept.
    EXPECT_EQ(hostile.reports().size(), 1u);
    EXPECT_EQ(hostile.reports()[0].test, "SB");
    EXPECT_EQ(lines_about_report_lists(), 1u) << log.record.joined();
    EXPECT_TRUE(log.record.mentions(
        "1 of 200001 items kept; 199501 beyond the cap of 500 not examined; skipped:"))
        << log.record.joined();
    EXPECT_FALSE(log.record.mentions("junk")) << "no item text in the log";
    EXPECT_LE(log.record.lines().size(), 8u) << log.record.joined();
  }
};

TEST_F(ets_hostile_answers, a_flood_of_junk_items_holds_up_no_other_blocking_call) {
  std::promise<core::ets_reports_result> hostile;
  std::thread attacker(
      [&] { hostile.set_value(client->fetch_reports(district(), ssid::many_items)); });
  expect_normal_call_within_its_deadline();
  attacker.join();
  expect_bounded_hostile_result(hostile.get_future().get());
}

TEST_F(ets_hostile_answers, a_flood_of_junk_items_holds_up_no_call_when_fetched_async) {
  std::promise<core::ets_reports_result> hostile;
  client->fetch_reports_async(district(), ssid::many_items,
                              [&](core::ets_reports_result r) { hostile.set_value(std::move(r)); });
  expect_normal_call_within_its_deadline();
  auto done = hostile.get_future();
  ASSERT_EQ(done.wait_for(10s), std::future_status::ready);
  expect_bounded_hostile_result(done.get());
}

TEST_F(ets_hostile_answers, bytes_after_an_answer_close_the_connection_not_feed_the_next_request) {
  // fake-ets follows every answer for this SSID with a complete planted answer for the same
  // SSID whose one report links to planted.invalid, in the same write.
  server().post("reset-stats");
  for (int i = 0; i < 2; ++i) {
    const auto r = client->fetch_reports(district(), ssid::trailing_bytes);
    ASSERT_TRUE(r.ok()) << r.failure().detail;
    ASSERT_EQ(r.reports().size(), 1u);
    EXPECT_EQ(r.reports()[0].url.find("planted"), std::string::npos)
        << "request " << i + 1 << " read the planted answer";
    EXPECT_EQ(r.reports()[0].url.rfind("https://127.0.0.1:", 0), 0u) << r.reports()[0].url;
  }
  const auto stats = server().stats().as_object();
  EXPECT_EQ(stats.at("report_requests").to_number<int>(), 2);
  // The warm connection carried the first request and was closed; the second needed a new one.
  // The stats request's own connection counts too.
  EXPECT_EQ(stats.at("connections").to_number<int>() - 1, 1) << log.record.joined();
  EXPECT_TRUE(log.record.mentions("bytes arrived beyond the answer")) << log.record.joined();
}

TEST_F(ets_hostile_answers, bytes_sent_to_an_idle_connection_close_it_before_reuse) {
  // Here the planted answer comes 200 ms after the real one, while the connection sits idle in
  // the pool: the answer itself left nothing unread.
  server().post("reset-stats");
  const auto first = client->fetch_reports(district(), ssid::planted_later);
  ASSERT_TRUE(first.ok()) << first.failure().detail;
  // Wait until fake-ets has written the planted bytes (on loopback they are then in our socket).
  const auto give_up = steady_clock::now() + 20s;
  while (server().stat("trailing_writes") == 0) {
    ASSERT_LT(steady_clock::now(), give_up) << "fake-ets never wrote the planted answer";
    std::this_thread::sleep_for(50ms);
  }
  server().post("reset-stats");
  const auto second = client->fetch_reports(district(), ssid::planted_later);
  ASSERT_TRUE(second.ok()) << second.failure().detail;
  ASSERT_EQ(second.reports().size(), 1u);
  EXPECT_EQ(second.reports()[0].url.find("planted"), std::string::npos)
      << "the second request read the planted answer";
  const auto stats = server().stats().as_object();
  EXPECT_EQ(stats.at("report_requests").to_number<int>(), 1);
  // The second request needed a new connection; the stats request's own counts too.
  EXPECT_EQ(stats.at("connections").to_number<int>() - 1, 1) << log.record.joined();
}

TEST_F(ets_hostile_answers, a_connection_is_not_reused_after_a_5xx_answer) {
  server().post("rearm-faults");
  server().post("reset-stats");
  const auto r = client->fetch_reports(district(), ssid::status_504_then_ok);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  const auto stats = server().stats().as_object();
  EXPECT_EQ(stats.at("report_requests").to_number<int>(), 2);
  // The 504 came on the warm connection; the retry went out on a new one. The stats request's
  // own connection counts too.
  EXPECT_EQ(stats.at("connections").to_number<int>() - 1, 1) << log.record.joined();
}

struct ssid_case {
  const std::string *asked;
  const char *detail;
};

void PrintTo(const ssid_case &c, std::ostream *os) {
  *os << "SSID " << *c.asked;
}

class ets_answer_ssid : public ets_hostile_answers,
                        public ::testing::WithParamInterface<ssid_case> {};

TEST_P(ets_answer_ssid, must_be_present_and_the_one_asked_for) {
  const auto &c = GetParam();
  const auto r = client->fetch_reports(district(), *c.asked);
  ASSERT_FALSE(r.ok()) << "a list that does not name this student was shown for them";
  EXPECT_EQ(r.failure().error, ets_error::processing_error);
  EXPECT_EQ(r.failure().fault, ets_fault::bad_response);
  EXPECT_EQ(r.failure().http_status, 200);
  EXPECT_NE(r.failure().detail.find(c.detail), std::string::npos) << r.failure().detail;
  EXPECT_TRUE(log.record.mentions("gave up")) << log.record.joined();
  // Neither the SSID asked for nor the one answered reaches the log.
  EXPECT_FALSE(log.record.mentions(*c.asked)) << log.record.joined();
  EXPECT_FALSE(log.record.mentions(ssid::reports)) << log.record.joined();
}

INSTANTIATE_TEST_SUITE_P(hostile, ets_answer_ssid,
                         ::testing::Values(ssid_case{&ssid::wrong_ssid, "different SSID"},
                                           ssid_case{&ssid::no_ssid, "no ssid"}),
                         [](const ::testing::TestParamInfo<ssid_case> &param) {
                           return "ssid_" + *param.param.asked;
                         });

}  // namespace
}  // namespace ssrlink::ets::testing
