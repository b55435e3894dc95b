// The credential units wired as the composition root wires them, to an in-memory store, a real
// AES-GCM sealer, a manual clock, a recording logger, a strict gmock ETS client and a seal key
// opener that hands out test keys by path.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/credentials/credential_admin.hpp"
#include "core/credentials/credential_resolution.hpp"
#include "core/credentials/credential_writes.hpp"
#include "core/credentials/key_rotation.hpp"
#include "core/credentials/sealer_in_force.hpp"
#include "core/error.hpp"
#include "crypto/aes_gcm_sealer.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_credential_store.hpp"
#include "doubles/recording_logger.hpp"
#include "mock_ets_client.hpp"

namespace ssrlink::core::testing {

using ssrlink::testing::manual_clock;
using ssrlink::testing::memory_credential_store;
using ssrlink::testing::recording_logger;

inline std::shared_ptr<crypto::aes_gcm_sealer> make_sealer(unsigned char seed) {
  std::array<unsigned char, crypto::seal_key_bytes> key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<unsigned char>(static_cast<std::size_t>(seed) * 31 + i);
  }
  return std::make_shared<crypto::aes_gcm_sealer>(key);
}

// 2026-11-23T12:00:00Z, a Monday; "today" for every test unless it moves the clock.
inline time_point test_start() {
  return manual_clock::default_start + std::chrono::hours{12};
}

inline day_point test_today() {
  return std::chrono::floor<std::chrono::days>(test_start());
}

inline std::string day_text(int days_from_today) {
  return format_day(test_today() + std::chrono::days{days_from_today});
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

// The units of one process, sharing one store: a second set with another key is another
// process (or this one restarted with the wrong seal key file).
struct credential_units {
  credential_units(memory_credential_store &store, std::shared_ptr<const secret_sealer> sealer,
                   ets_client &ets, const clock &clock, logger &log, seal_key_opener opener)
      : keys(std::move(sealer)),
        writes(store, keys),
        resolution(store, keys, clock, log),
        admin(store, writes, resolution, ets, clock, log),
        rotation(store, keys, writes, std::move(opener), log) {}

  sealer_in_force keys;
  credential_writes writes;
  credential_resolution resolution;
  credential_admin admin;
  key_rotation rotation;
};

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
    return call(admin.put(boost::json::serialize(request)));
  }

  // The units of another process on the same store, with `other` as its seal key.
  std::unique_ptr<credential_units> units_with(std::shared_ptr<const secret_sealer> other) {
    return std::make_unique<credential_units>(store, std::move(other), ets, clock, log, opener());
  }

  // Key files the opener knows, by path; any other path fails as a missing directory would.
  std::map<std::string, std::shared_ptr<const secret_sealer>> key_files;
  std::vector<std::string> opened_paths;

  seal_key_opener opener() {
    return [this](const std::string &path) -> std::shared_ptr<const secret_sealer> {
      opened_paths.push_back(path);
      const auto it = key_files.find(path);
      if (it == key_files.end()) {
        throw failure(status::config, "The seal key file " + path + " cannot be created.");
      }
      return it->second;
    };
  }

  memory_credential_store store;
  std::shared_ptr<crypto::aes_gcm_sealer> sealer = make_sealer(1);
  ::testing::StrictMock<mock_ets_client> ets;
  manual_clock clock{test_start()};
  recording_logger log;
  credential_units units{store, sealer, ets, clock, log, opener()};
  credential_admin &admin = units.admin;
  credential_resolution &resolution = units.resolution;
  key_rotation &rotation = units.rotation;
};

}  // namespace ssrlink::core::testing
