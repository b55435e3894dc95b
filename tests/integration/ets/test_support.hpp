// Shared pieces of the ETS integration tests: what the log must never hold, the fixture served
// by fake-ets, and one server per test process (ctest runs each test in its own process). The
// logger and the clock are the shared doubles (tests/support/doubles).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/model/credentials.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/recording_logger.hpp"
#include "fake_ets_process.hpp"

namespace ssrlink::ets::testing {

using ssrlink::testing::recording_logger;
using ssrlink::testing::system_clock;

// True when `log` holds something that must never be logged: the secret, a bearer token, a
// signed query, an SSID query string (the last three in the names of the wire profile in force).
bool leaked_secret(const recording_logger &log);

inline const std::string district_secret = "s3cret-key-20-chars!";

inline core::ets_credentials district() {
  return {"district", "district-user", district_secret, "district@1"};
}
inline core::ets_credentials wrong_secret() {
  return {"district", "district-user", "not-the-secret-key!!", "district@2"};
}
inline core::ets_credentials supersede_user() {
  return {"1234567", "supersede-user", "supersede-secret-0001", "1234567@1"};
}

// SSIDs of the fixture (fixture_json()).
namespace ssid {
inline const std::string reports = "1000000001";
inline const std::string no_test_data = "1000000002";
inline const std::string empty_list = "1000000003";
inline const std::string enrollment_mismatch = "1000000004";
inline const std::string internal_error = "1000000005";
inline const std::string not_authorized = "1000000006";
inline const std::string ssid_not_found = "1000000007";
inline const std::string unknown_code = "1000000008";
inline const std::string no_expires_at = "1000000010";
inline const std::string unknown_to_ets = "1999999999";
inline const std::string latency = "1000000101";
inline const std::string stall_body = "1000000102";
inline const std::string reset = "1000000103";
inline const std::string reset_mid_body = "1000000104";
inline const std::string status_503 = "1000000105";
inline const std::string status_502_twice = "1000000106";
inline const std::string status_504_once = "1000000107";
inline const std::string rate_limited_once = "1000000108";
inline const std::string rate_limited_long = "1000000109";
inline const std::string malformed_json = "1000000110";
inline const std::string html_error = "1000000111";
inline const std::string huge_body = "1000000112";
inline const std::string token_expired_once = "1000000113";
inline const std::string status_500 = "1000000114";
// Hostile answers (ets_hostile_answers_test.cpp).
inline const std::string many_items = "1000000120";          // one report, then 200,000 junk items
inline const std::string slow_reports = "1000000121";        // one report, 1000 ms late
inline const std::string wrong_ssid = "1000000122";          // one report, for ssid::reports
inline const std::string no_ssid = "1000000123";             // one report, no `ssid` field
inline const std::string trailing_bytes = "1000000124";      // an answer planted after each answer
inline const std::string status_504_then_ok = "1000000125";  // 504 once, then one report
inline const std::string planted_later = "1000000126";       // an answer planted 200 ms after each
}  // namespace ssid

std::string fixture_json();

// One fake-ets with a certificate for 127.0.0.1 signed by the test CA, started on first use.
struct test_server {
  temp_dir dir;
  std::filesystem::path ca_file;
  std::unique_ptr<fake_ets_process> process;

  test_server();
  boost::json::value stats() const { return process->control(ca_file, "stats"); }
  std::int64_t stat(const char *name) const;
  void post(const std::string &what, const std::string &body = "{}") const {
    process->control(ca_file, what, body);
  }
};
test_server &server();

// Settings for a client of `s`, in the wire profile the suite runs under.
core::ets_settings settings_for(const test_server &s,
                                std::chrono::milliseconds timeout = std::chrono::seconds(2));

}  // namespace ssrlink::ets::testing
