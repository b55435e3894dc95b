// What ETS answers, as the client hands it on: report lists, every error code, the async form
// and the factory's configuration checks.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "core/error.hpp"
#include "ets/ets_client_factory.hpp"
#include "test_support.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::ets::testing {
namespace {

using core::ets_error;
using core::ets_fault;

class ets_answers : public ::testing::Test {
 protected:
  recording_logger log;
  system_clock clock;
  std::unique_ptr<core::ets_client> client = make_ets_client(settings_for(server()), log, clock);

  void TearDown() override { EXPECT_FALSE(leaked_secret(log)); }
};

TEST_F(ets_answers, report_list_with_links_and_expiry) {
  const auto before = clock.now();
  const auto r = client->fetch_reports(district(), ssid::reports);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  ASSERT_EQ(r.reports().size(), 2u);
  const auto &pdf = r.reports()[0];
  EXPECT_EQ(pdf.test, "SB");
  EXPECT_EQ(pdf.year, "2018-19");
  EXPECT_EQ(pdf.format, "PDF");
  EXPECT_EQ(pdf.language, "ENG");
  EXPECT_EQ(pdf.url.rfind("https://127.0.0.1:", 0), 0u) << pdf.url;
  EXPECT_NE(pdf.url.find("X-Amz-Signature="), std::string::npos);
  // fake-ets issues links for 1800 s by default; allow for clock granularity.
  EXPECT_GT(pdf.expires_at, before + std::chrono::minutes(29));
  EXPECT_LT(pdf.expires_at, before + std::chrono::minutes(31));
  const auto &html = r.reports()[1];
  EXPECT_EQ(html.test, "CAST");
  EXPECT_EQ(html.language, "SPA");
  EXPECT_EQ(html.status, "Preliminary");
}

TEST_F(ets_answers, missing_expires_at_means_thirty_minutes) {
  const auto before = clock.now();
  const auto r = client->fetch_reports(district(), ssid::no_expires_at);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  ASSERT_EQ(r.reports().size(), 1u);
  EXPECT_GE(r.reports()[0].expires_at, before + std::chrono::minutes(30));
  EXPECT_LE(r.reports()[0].expires_at, clock.now() + std::chrono::minutes(30));
}

struct error_case {
  const std::string *ssid;
  ets_error error;
  ets_fault fault;
  int status;
};

void PrintTo(const error_case &c, std::ostream *os) {
  *os << "SSID " << *c.ssid;
}

class ets_error_codes : public ets_answers, public ::testing::WithParamInterface<error_case> {};

TEST_P(ets_error_codes, map_per_the_contract_without_retrying) {
  const auto &c = GetParam();
  server().post("reset-stats");
  const auto r = client->fetch_reports(district(), *c.ssid);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().error, c.error) << r.failure().detail;
  EXPECT_EQ(r.failure().fault, c.fault) << r.failure().detail;
  EXPECT_EQ(r.failure().http_status, c.status);
  EXPECT_EQ(server().stat("report_requests"), 1) << "answers are never retried";
}

INSTANTIATE_TEST_SUITE_P(
    all, ets_error_codes,
    ::testing::Values(
        error_case{&ssid::no_test_data, ets_error::no_test_data, ets_fault::answered, 404},
        error_case{&ssid::empty_list, ets_error::no_test_data, ets_fault::answered, 200},
        error_case{&ssid::enrollment_mismatch, ets_error::enrollment_mismatch, ets_fault::answered,
                   403},
        error_case{&ssid::internal_error, ets_error::internal_error, ets_fault::answered, 500},
        error_case{&ssid::status_500, ets_error::internal_error, ets_fault::answered, 500},
        error_case{&ssid::not_authorized, ets_error::not_authorized, ets_fault::answered, 403},
        error_case{&ssid::ssid_not_found, ets_error::ssid_not_found, ets_fault::answered, 404},
        error_case{&ssid::unknown_to_ets, ets_error::ssid_not_found, ets_fault::answered, 404},
        error_case{&ssid::unknown_code, ets_error::processing_error, ets_fault::bad_response, 400},
        error_case{&ssid::malformed_json, ets_error::processing_error, ets_fault::bad_response,
                   200},
        error_case{&ssid::html_error, ets_error::processing_error, ets_fault::bad_response, 500},
        error_case{&ssid::huge_body, ets_error::processing_error, ets_fault::bad_response, 200}),
    [](const ::testing::TestParamInfo<error_case> &param) { return "ssid_" + *param.param.ssid; });

TEST_F(ets_answers, async_calls_each_complete_exactly_once) {
  constexpr int calls = 20;
  std::atomic<int> done{0};
  std::atomic<int> good{0};
  std::promise<void> all;
  for (int i = 0; i < calls; ++i) {
    const auto &id = (i % 2 == 0) ? ssid::reports : ssid::no_test_data;
    client->fetch_reports_async(district(), id, [&, id](const core::ets_reports_result &r) {
      if (r.ok() == (id == ssid::reports)) {
        ++good;
      }
      if (++done == calls) {
        all.set_value();
      }
    });
  }
  ASSERT_EQ(all.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
  client.reset();  // joins the io thread: no callback can still be pending
  EXPECT_EQ(done.load(), calls);
  EXPECT_EQ(good.load(), calls);
}

TEST_F(ets_answers, destructor_waits_for_a_call_in_flight) {
  std::atomic<int> done{0};
  core::ets_failure seen;
  auto settings = settings_for(server(), std::chrono::milliseconds(800));
  auto slow = make_ets_client(settings, log, clock);
  slow->fetch_reports_async(district(), ssid::latency, [&](const core::ets_reports_result &r) {
    seen = r.ok() ? core::ets_failure{} : r.failure();
    ++done;
  });
  const auto start = std::chrono::steady_clock::now();
  slow.reset();
  EXPECT_EQ(done.load(), 1);
  EXPECT_EQ(seen.fault, ets_fault::timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2400));
}

TEST_F(ets_answers, check_credentials_asks_for_a_fresh_token_and_stores_it) {
  server().post("reset-stats");
  EXPECT_TRUE(client->check_credentials(district()).ok);
  EXPECT_TRUE(client->check_credentials(district()).ok);
  EXPECT_EQ(server().stat("token_requests"), 2);
  ASSERT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
  EXPECT_EQ(server().stat("token_requests"), 2) << "the fetch reused the checked token";
}

TEST_F(ets_answers, check_credentials_reports_a_wrong_pair) {
  const auto r = client->check_credentials(wrong_secret());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.failure.error, ets_error::not_authorized);
  EXPECT_EQ(r.failure.fault, ets_fault::answered);
  EXPECT_EQ(r.failure.http_status, 401);
  const auto f = client->fetch_reports(wrong_secret(), ssid::reports);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.failure().error, ets_error::not_authorized);
}

TEST(ets_factory, refuses_an_unreadable_ca_file_and_a_bad_base_url) {
  recording_logger log;
  system_clock clock;
  core::ets_settings s;
  s.base_url = "https://127.0.0.1:1/api/v1";
  s.wire_profile = ssrlink::testing::test_wire_profile();
  s.ca_file = "/nonexistent/ca.pem";
  try {
    make_ets_client(s, log, clock);
    ADD_FAILURE() << "accepted a missing ca_file";
  } catch (const core::failure &f) {
    EXPECT_EQ(f.code(), core::status::config);
  }
  s.ca_file.reset();
  s.base_url = "http://caaspp-aws.ets.org/api/v1";
  try {
    make_ets_client(s, log, clock);
    ADD_FAILURE() << "accepted plain http";
  } catch (const core::failure &f) {
    EXPECT_EQ(f.code(), core::status::config);
  }
}

}  // namespace
}  // namespace ssrlink::ets::testing
