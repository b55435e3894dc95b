// Certificate chain and host name verification are always on.
#include <gtest/gtest.h>

#include "ets/ets_client_factory.hpp"
#include "test_support.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::ets::testing {
namespace {

using core::ets_error;
using core::ets_fault;
using namespace std::chrono_literals;

void expect_tls_failure(const fake_ets_process &process, const std::filesystem::path &trusted_ca) {
  recording_logger log;
  system_clock clock;
  core::ets_settings settings;
  settings.base_url = process.base_url();
  settings.ca_file = trusted_ca.string();
  settings.timeout = 2000ms;
  settings.wire_profile = ssrlink::testing::test_wire_profile();
  auto client = make_ets_client(settings, log, clock);
  const auto start = std::chrono::steady_clock::now();
  const auto r = client->fetch_reports(district(), ssid::reports);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 6000ms);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().error, ets_error::processing_error);
  EXPECT_EQ(r.failure().fault, ets_fault::tls) << r.failure().detail;
  EXPECT_EQ(r.failure().http_status, 0);
  const auto check = client->check_credentials(district());
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.failure.fault, ets_fault::tls);
  EXPECT_FALSE(leaked_secret(log));
}

TEST(ets_tls, server_certificate_not_signed_by_the_trusted_ca_is_refused) {
  temp_dir dir;
  make_cert(dir.path() / "good");
  make_cert(dir.path() / "rogue", {"--self-signed"});
  fake_ets_process rogue(dir.path(), fixture_json(), dir.path() / "rogue");
  expect_tls_failure(rogue, dir.path() / "good" / "ca.pem");
}

TEST(ets_tls, certificate_for_another_host_name_is_refused) {
  temp_dir dir;
  make_cert(dir.path() / "other", {"--name", "other.example"});
  fake_ets_process other(dir.path(), fixture_json(), dir.path() / "other");
  expect_tls_failure(other, dir.path() / "other" / "ca.pem");
}

TEST(ets_tls, the_system_store_does_not_trust_a_private_ca) {
  recording_logger log;
  system_clock clock;
  auto settings = settings_for(server());
  settings.ca_file.reset();
  auto client = make_ets_client(settings, log, clock);
  const auto r = client->fetch_reports(district(), ssid::reports);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().fault, ets_fault::tls) << r.failure().detail;
}

TEST(ets_tls, a_correct_certificate_for_127_0_0_1_is_accepted) {
  recording_logger log;
  system_clock clock;
  auto client = make_ets_client(settings_for(server()), log, clock);
  const auto r = client->fetch_reports(district(), ssid::reports);
  EXPECT_TRUE(r.ok()) << r.failure().detail;
}

}  // namespace
}  // namespace ssrlink::ets::testing
