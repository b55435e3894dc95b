// Runs every credential scenario with a recording logger and checks that no result, error
// message, error detail or log line holds the Secret Key, or any five characters of it in a
// row other than the masked tail.
#include <gmock/gmock.h>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::_;
using ::testing::Return;

constexpr std::string_view secret = "Qm3vT8xKp2RwZ7nL5jYc";
constexpr std::string_view school = "Hd6sF1gW9bN4cV0xE2aQ";

class no_secret_leak_test : public credentials_fixture {
 protected:
  void record(const call_result &r) { outputs.push_back(r.json); }
  template <typename F>
  void record_failure(F f) {
    try {
      f();
      ADD_FAILURE() << "expected a failure";
    } catch (const failure &e) {
      outputs.emplace_back(e.what());
      outputs.push_back(e.detail());
    }
  }
  std::string request(std::string_view scope, std::string_view secret_key,
                      std::string_view extra = "") {
    return R"({"scope": ")" + std::string(scope) + R"(", "username": "user", "secret_key": ")" +
           std::string(secret_key) + "\"" + std::string(extra) + "}";
  }

  std::vector<std::string> outputs;
};

TEST_F(no_secret_leak_test, no_output_of_any_scenario_holds_the_secret) {
  // Entering, re-entering and listing.
  record(admin.put(request("district", secret)));
  record(admin.put(request("0042", school, R"(, "expires_on": ")" + day_text(3) + "\"")));
  record(admin.status("{}"));
  record(admin.status(R"({"scope": "0042"})"));

  // Every kind of refused put, each carrying a secret.
  record_failure([&] { admin.put(request("", secret)); });
  record_failure([&] { admin.put(request("district", secret, R"(, "expires_on": "bad")")); });
  record_failure(
      [&] { admin.put(request("district", secret, R"(, "expires_on": "2000-01-01")")); });
  record_failure([&] { admin.put(request("district", secret, R"(, "extra": 1)")); });
  record_failure([&] { admin.put(request("district", std::string(secret) + "\\u0001")); });
  record_failure(
      [&] { admin.put(request("district", std::string(300, 'x') + std::string(secret))); });
  record_failure([&] { admin.put(request("district", secret, ",")); });  // malformed JSON

  // Resolution, warnings through expiry, and the daily log lines.
  for (int day = 0; day < 6; ++day) {
    clock.set(test_start() + std::chrono::days{day});
    (void)resolution.for_school("0042");
    (void)resolution.for_school("0100");
    record(admin.status("{}"));
  }

  // Test connection, every kind of answer.
  for (auto fault : {ets_fault::answered, ets_fault::unreachable, ets_fault::timed_out,
                     ets_fault::tls, ets_fault::rate_limited, ets_fault::bad_response}) {
    ets_token_result answer;
    answer.failure = ets_failure{ets_error::not_authorized, fault, 401, "detail"};
    EXPECT_CALL(ets, check_credentials(_)).WillOnce(Return(answer));
    record(admin.test_connection(R"({"scope": "district"})"));
  }
  EXPECT_CALL(ets, check_credentials(_)).WillOnce(Return(ets_token_result{true, {}}));
  record(admin.test_connection(R"({"scope": "0042"})"));
  record_failure([&] { admin.test_connection(R"({"scope": "0999"})"); });
  // A pair tested before it is saved, accepted, refused and malformed.
  EXPECT_CALL(ets, check_credentials(_)).WillOnce(Return(ets_token_result{true, {}}));
  record(admin.test_connection(request("0100", secret)));
  ets_token_result refused_pair;
  refused_pair.failure = ets_failure{ets_error::not_authorized, ets_fault::answered, 401, "x"};
  EXPECT_CALL(ets, check_credentials(_)).WillOnce(Return(refused_pair));
  record(admin.test_connection(request("0100", secret)));
  record_failure([&] { admin.test_connection(request("0100", std::string(secret) + "\\u0001")); });
  record_failure([&] {
    admin.test_connection(R"({"scope": "0100", "secret_key": ")" + std::string(secret) + "\"}");
  });

  // A wrong seal key, then a rotation, then removal.
  const auto wrong_key = units_with(make_sealer(8));
  clock.advance(std::chrono::hours{1});
  record_failure([&] { wrong_key->resolution.for_school("0042"); });
  record(wrong_key->admin.status("{}"));
  record_failure([&] { wrong_key->rotation.reseal_all(make_sealer(3)); });
  record_failure([&] { rotation.reseal(R"({"new_seal_key_file": "/nowhere/seal.key"})"); });
  key_files["/etc/ssrlink/seal-next.key"] = make_sealer(4);
  const auto resealed = rotation.reseal(R"({"new_seal_key_file": "/etc/ssrlink/seal-next.key"})");
  record(resealed);
  EXPECT_EQ(call(resealed).at("resealed"), 2);
  record(admin.put(R"({"scope": "0042", "username": ""})"));
  record(admin.status("{}"));

  for (const auto &[level, line] : log.lines()) {
    outputs.push_back(line);
  }
  ASSERT_GT(outputs.size(), 30u);
  ASSERT_FALSE(log.at(log_level::warning).empty());  // the warning paths did run

  for (std::string_view s : {secret, school}) {
    // Any five characters in a row, except the last four shown by the mask.
    for (std::size_t i = 0; i + 5 <= s.size(); ++i) {
      const std::string piece(s.substr(i, 5));
      for (const auto &out : outputs) {
        EXPECT_EQ(out.find(piece), std::string::npos) << "\"" << piece << "\" leaked in: " << out;
      }
    }
  }
  // The stored rows hold neither secret either.
  for (const auto &[scope, row] : store.rows()) {
    EXPECT_EQ(row.sealed_secret.find(secret.substr(0, 5)), std::string::npos);
  }
}

}  // namespace
}  // namespace ssrlink::core::testing
