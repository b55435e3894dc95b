// The credential service wired to an in-memory store, a real AES-GCM sealer, a fake clock, a
// recording logger and a strict gmock ETS client.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <memory>

#include "core/credentials/credential_service.hpp"
#include "core/error.hpp"
#include "crypto/aes_gcm_sealer.hpp"
#include "fake_clock.hpp"
#include "memory_credential_store.hpp"
#include "mock_ets_client.hpp"
#include "recording_logger.hpp"

namespace ssrlink::core::testing {

inline std::shared_ptr<crypto::aes_gcm_sealer> make_sealer(unsigned char seed) {
  std::array<unsigned char, crypto::seal_key_bytes> key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<unsigned char>(static_cast<std::size_t>(seed) * 31 + i);
  }
  return std::make_shared<crypto::aes_gcm_sealer>(key);
}

// 2026-11-23T12:00:00Z, a Monday; "today" for every test unless it moves the clock.
inline time_point test_start() {
  return time_point{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}} +
         std::chrono::hours{12};
}

inline day_point test_today() {
  return std::chrono::floor<std::chrono::days>(test_start());
}

inline std::string day_text(int days_from_today) {
  return format_day(test_today() + std::chrono::days{days_from_today});
}

class credentials_fixture : public ::testing::Test {
 protected:
  static constexpr const char *district_secret = "DistrictSecretKey0001";
  static constexpr const char *school_secret = "SchoolSecretKey000042";

  boost::json::object call(const call_result &result) {
    EXPECT_EQ(result.code, status::ok) << result.json;
    return boost::json::parse(result.json).as_object();
  }

  boost::json::object put(const std::string &scope, const std::string &username,
                          const std::string &secret, std::optional<std::string> expires = {}) {
    boost::json::object request{{"scope", scope}, {"username", username}, {"secret_key", secret}};
    if (expires) {
      request["expires_on"] = *expires;
    }
    return call(service.put(boost::json::serialize(request)));
  }

  // The failure a call throws (a test failure if it does not throw).
  template <typename F>
  failure thrown(F f) {
    try {
      f();
    } catch (const failure &e) {
      return e;
    }
    ADD_FAILURE() << "no failure was thrown";
    return failure(status::ok, "");
  }

  memory_credential_store store;
  std::shared_ptr<crypto::aes_gcm_sealer> sealer = make_sealer(1);
  ::testing::StrictMock<mock_ets_client> ets;
  fake_clock clock{test_start()};
  recording_logger log;
  credential_service service{store, sealer, ets, clock, log};
};

}  // namespace ssrlink::core::testing
