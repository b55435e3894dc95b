#include <gmock/gmock.h>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::HasSubstr;

class credential_put_test : public credentials_fixture {};

TEST_F(credential_put_test, stores_a_sealed_row_and_answers_masked) {
  const auto result = put("district", "lea-user", district_secret, day_text(200));
  EXPECT_EQ(result.at("scope"), "district");
  EXPECT_EQ(result.at("username"), "lea-user");
  EXPECT_EQ(result.at("secret"), "\u2022\u2022\u2022\u20220001");
  EXPECT_EQ(result.at("expires_on"), boost::json::value(day_text(200)));
  EXPECT_EQ(result.at("days_left"), 200);
  EXPECT_TRUE(result.at("warning").is_null());
  EXPECT_EQ(result.at("updated_at"), "2026-11-23T12:00:00Z");

  const auto rows = store.rows();
  ASSERT_EQ(rows.size(), 1u);
  const auto &row = rows.at("district");
  EXPECT_EQ(row.username, "lea-user");
  EXPECT_EQ(row.expires_on, test_today() + std::chrono::days{200});
  EXPECT_EQ(row.updated_at, test_start());
  EXPECT_EQ(sealer->open(row.sealed_secret, "district"), district_secret);
}

TEST_F(credential_put_test, stored_row_never_holds_the_secret_in_clear) {
  put("district", "lea-user", district_secret);
  put("0042", "school-user", school_secret);
  for (const auto &[scope, row] : store.rows()) {
    EXPECT_EQ(row.sealed_secret.find(district_secret), std::string::npos) << scope;
    EXPECT_EQ(row.sealed_secret.find(school_secret), std::string::npos) << scope;
    EXPECT_EQ(row.sealed_secret.rfind(crypto::sealed_marker, 0), 0u) << scope;
    EXPECT_EQ(row.username.find("Secret"), std::string::npos) << scope;
  }
}

TEST_F(credential_put_test, missing_expiry_means_365_days_from_today_on_the_host_clock) {
  clock.set(test_start() + std::chrono::days{10});
  const auto result = put("district", "lea-user", district_secret);
  EXPECT_EQ(result.at("expires_on"), boost::json::value(day_text(375)));
  EXPECT_EQ(result.at("days_left"), 365);
}

TEST_F(credential_put_test, trims_pasted_whitespace) {
  put("district", "  lea-user\t", std::string(" ") + district_secret + "\n");
  const auto row = store.rows().at("district");
  EXPECT_EQ(row.username, "lea-user");
  EXPECT_EQ(sealer->open(row.sealed_secret, "district"), district_secret);
}

TEST_F(credential_put_test, empty_username_removes_the_scope) {
  put("0042", "school-user", school_secret);
  const auto result = call(admin.put(R"({"scope": "0042", "username": ""})"));
  EXPECT_EQ(result.at("scope"), "0042");
  EXPECT_EQ(result.at("removed"), true);
  EXPECT_TRUE(store.rows().empty());
  // Removing again is harmless.
  EXPECT_EQ(call(admin.put(R"({"scope": "0042", "username": ""})")).at("removed"), true);
}

TEST_F(credential_put_test, a_new_pair_replaces_the_old_one) {
  put("district", "old-user", "OldSecretKey00000001");
  clock.advance(std::chrono::hours{1});
  put("district", "new-user", "NewSecretKey00000002");
  const auto row = store.rows().at("district");
  EXPECT_EQ(row.username, "new-user");
  EXPECT_EQ(sealer->open(row.sealed_secret, "district"), "NewSecretKey00000002");
  EXPECT_EQ(row.updated_at, test_start() + std::chrono::hours{1});
}

struct bad_request {
  const char *json;
  const char *names;  // what the sentence must mention
};

void PrintTo(const bad_request &r, std::ostream *os) {
  *os << r.json;
}

class credential_put_rejects : public credential_put_test,
                               public ::testing::WithParamInterface<bad_request> {};

TEST_P(credential_put_rejects, with_a_sentence_naming_the_key_and_stores_nothing) {
  const auto f = thrown([&] { admin.put(GetParam().json); });
  EXPECT_EQ(f.code(), status::invalid_argument);
  EXPECT_THAT(f.what(), HasSubstr(GetParam().names));
  EXPECT_TRUE(store.rows().empty());
}

INSTANTIATE_TEST_SUITE_P(
    bad_requests, credential_put_rejects,
    ::testing::Values(
        bad_request{R"({"scope": "", "username": "u", "secret_key": "s"})", "\"scope\""},
        bad_request{R"({"scope": "012345678901234567890123456789012", "username": "u",
                        "secret_key": "s"})",
                    "\"scope\""},
        bad_request{R"({"scope": "00 42", "username": "u", "secret_key": "s"})", "\"scope\""},
        bad_request{R"({"scope": "00\u000142", "username": "u", "secret_key": "s"})", "\"scope\""},
        bad_request{R"({"username": "u", "secret_key": "s"})", "\"scope\" is required"},
        bad_request{R"({"scope": 42.5, "username": "u", "secret_key": "s"})",
                    "\"scope\" must be a string or a whole number"},
        bad_request{R"({"scope": "district", "secret_key": "s"})", "\"username\""},
        bad_request{R"({"scope": "district", "username": "u"})", "\"secret_key\""},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": ""})",
                    "\"secret_key\""},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": "   "})",
                    "\"secret_key\""},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": "a\u0007b"})",
                    "\"secret_key\""},
        bad_request{R"({"scope": "district", "username": "u\nv", "secret_key": "s"})",
                    "\"username\""},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": "s",
                        "expires_on": "11/20/2027"})",
                    "YYYY-MM-DD"},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": "s",
                        "expires_on": "2027-02-30"})",
                    "\"expires_on\""},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": "s",
                        "expires_on": "2026-11-22"})",
                    "in the past"},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": "s",
                        "secretkey": "s"})",
                    "Unknown key \"secretkey\""},
        bad_request{R"({"scope": "district", "username": "u", "secret_key": "s")",
                    "not valid JSON"},
        bad_request{R"(["district"])", "must be a JSON object"}));

TEST_F(credential_put_test, accepts_limits_and_refuses_one_past_them) {
  EXPECT_NO_THROW(put(std::string(32, '7'), "u", std::string(256, 's')));
  EXPECT_EQ(thrown([&] {
              admin.put(R"({"scope": "district", "username": "u", "secret_key": ")" +
                        std::string(257, 's') + "\"}");
            }).code(),
            status::invalid_argument);
  EXPECT_EQ(thrown([&] {
              admin.put(R"({"scope": "district", "username": ")" + std::string(129, 'u') +
                        R"(", "secret_key": "s"})");
            }).code(),
            status::invalid_argument);
}

TEST_F(credential_put_test, expiring_today_is_accepted_with_a_warning) {
  const auto result = put("district", "u", district_secret, day_text(0));
  EXPECT_EQ(result.at("days_left"), 0);
  EXPECT_THAT(std::string(result.at("warning").as_string()), HasSubstr("expire today"));
}

}  // namespace
}  // namespace ssrlink::core::testing
