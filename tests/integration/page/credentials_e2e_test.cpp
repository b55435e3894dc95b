// TOMS credentials through the C ABI: sealed in the database, masked in every answer, expiry
// warnings on the host's clock, test connection sentences, and key rotation.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "page_world.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::e2e {
namespace {

namespace fs = std::filesystem;
using std::chrono::days;

const std::string staff = R"({"role": "staff", "user_id": "clerk", "permitted": true})";
const std::string parent = R"({"role": "parent", "user_id": ")" + parent_account(plain, 1) +
                           R"(", "permitted": true, "contact_sequence": 1})";

std::string everything_in(const fs::path &dir) {
  std::string all;
  for (const auto &entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename().string().rfind("district.db", 0) == 0) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      all += text.str();
    }
  }
  return all;
}

// The host's today, as a "YYYY-MM-DD" string `offset` days away.
std::string day_from_today(int offset) {
  const auto now = std::chrono::sys_time<std::chrono::milliseconds>(
      std::chrono::milliseconds(host_now_ms(nullptr)));
  const std::chrono::year_month_day d{std::chrono::floor<days>(now) + days(offset)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return text;
}

boost::json::object district_status() {
  const answer a = shared->call(ssrlink_credentials_status, with_actor());
  EXPECT_EQ(a.status, SSRLINK_OK) << a.text;
  for (const auto &scope : a.json.at("scopes").as_array()) {
    if (scope.at("scope").as_string() == "district") {
      return scope.as_object();
    }
  }
  ADD_FAILURE() << "no district scope in " << a.text;
  return {};
}

TEST(CredentialsE2E, TheDatabaseNeverHoldsASecretInClear) {
  const std::string dump = everything_in(shared->dir) + shared->query(".dump");
  EXPECT_EQ(dump.find(district_secret), std::string::npos);
  EXPECT_EQ(dump.find("school-secret-key-0001"), std::string::npos);
  EXPECT_NE(dump.find("ssrseal1:"), std::string::npos);  // the sealed form is there
}

TEST(CredentialsE2E, StatusIsMaskedAndNoOutputEverHoldsTheSecret) {
  const answer status = shared->call(ssrlink_credentials_status, with_actor());
  EXPECT_EQ(status.text.find(district_secret), std::string::npos);
  EXPECT_NE(status.text.find(district_user), std::string::npos);
  for (const auto &line : logged()) {
    EXPECT_EQ(line.find(district_secret), std::string::npos) << line;
    // The wire's own (the profile in force): the token's prefix ("Bearer"), the secret key's
    // field, the SSID query.
    for (const std::string &bad : ssrlink::testing::test_wire_names().never_logged()) {
      EXPECT_EQ(line.find(bad), std::string::npos) << line;
    }
  }
}

TEST(CredentialsE2E, WarningsFollowTheHostClockAtEveryThreshold) {
  clock_offset_ms = 0;
  shared->put_credentials("district", district_user, district_secret, day_from_today(40));
  struct step {
    int days_later;  // host clock moved forward by this many days
    int days_left;
    bool warned;
  };
  for (const step s :
       {step{25, 15, false}, step{26, 14, true}, step{33, 7, true}, step{37, 3, true},
        step{39, 1, true}, step{40, 0, true}, step{41, -1, true}}) {
    SCOPED_TRACE(s.days_left);
    clock_offset_ms = std::int64_t{s.days_later} * 24 * 3600 * 1000;
    const auto scope = district_status();
    EXPECT_EQ(scope.at("days_left").to_number<int>(), s.days_left);
    EXPECT_EQ(!scope.at("warning").is_null(), s.warned);
  }
  clock_offset_ms = 0;
  shared->put_credentials("district", district_user, district_secret);
}

TEST(CredentialsE2E, ExpiredCredentialsNeverCallEtsAndOnlyStaffGetTheHint) {
  clock_offset_ms = 0;
  shared->put_credentials("district", district_user, district_secret, day_from_today(1));
  clock_offset_ms = std::int64_t{3} * 24 * 3600 * 1000;  // two days after expiry
  const auto before = shared->ets_report_requests();
  const answer for_staff = shared->page(plain, staff, R"(, "refresh": true)");
  const answer for_parent = shared->page(plain, parent, R"(, "refresh": true)");
  EXPECT_EQ(shared->ets_report_requests(), before);
  for (const answer *a : {&for_staff, &for_parent}) {
    EXPECT_EQ(a->json.at("outcome").as_string(), "ets_error");
    EXPECT_EQ(a->json.at("message").as_string(), "You are not authorized to make this request");
  }
  EXPECT_NE(std::string(for_staff.json.at("hint").as_string()).find("expired"), std::string::npos);
  EXPECT_TRUE(for_parent.json.at("hint").is_null());
  EXPECT_EQ(for_parent.text.find("expired"), std::string::npos);
  clock_offset_ms = 0;
  shared->put_credentials("district", district_user, district_secret);
}

TEST(CredentialsE2E, NoCredentialsMeansNotConfigured) {
  shared->put_credentials("district", "", "");
  const answer a = shared->page(plain, staff);
  EXPECT_EQ(a.json.at("outcome").as_string(), "not_configured");
  shared->put_credentials("district", district_user, district_secret);
  EXPECT_EQ(shared->page(plain, staff).json.at("outcome").as_string(), "reports");
}

TEST(CredentialsE2E, TestConnectionSaysWhatToDo) {
  const answer good = shared->call(ssrlink_test_connection, with_actor(R"("scope": "district")"));
  EXPECT_TRUE(good.json.at("ok").as_bool()) << good.text;

  shared->put_credentials("3", "old-user", "old-secret-key-000001");  // superseded in TOMS
  const answer stale = shared->call(ssrlink_test_connection, with_actor(R"("scope": "3")"));
  EXPECT_FALSE(stale.json.at("ok").as_bool());
  EXPECT_NE(std::string(stale.json.at("message").as_string()).find("superseded"), std::string::npos)
      << stale.text;
  shared->put_credentials("3", "", "");

  // Another host whose ETS address answers nothing.
  ssrlink_host host{};
  host.struct_size = sizeof host;
  ssrlink_plugin *offline = nullptr;
  const std::string config = shared->config_json(
      "https://127.0.0.1:" + std::to_string(ets::testing::closed_port()) + "/api/v1");
  ASSERT_EQ(ssrlink_open(&host, config.c_str(), &offline, nullptr), SSRLINK_OK);
  ssrlink_buffer *out = nullptr;
  ssrlink_test_connection(offline, with_actor(R"("scope": "district")").c_str(), &out);
  const std::string text = ssrlink_buffer_data(out);
  ssrlink_buffer_free(out);
  ssrlink_close(offline);
  EXPECT_NE(text.find("\"ok\":false"), std::string::npos) << text;
  EXPECT_NE(text.find("Could not reach ETS"), std::string::npos) << text;
}

TEST(CredentialsE2E, KeyRotationKeepsEveryPairWorking) {
  const fs::path next = shared->dir / "seal-next.key";
  const answer a = shared->call(ssrlink_credentials_reseal,
                                with_actor(R"("new_seal_key_file": ")" + next.string() + "\""));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_GE(a.json.at("resealed").to_number<int>(), 2);
  EXPECT_EQ(fs::status(next).permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
  EXPECT_EQ(shared->page(plain, staff, R"(, "refresh": true)").json.at("outcome").as_string(),
            "reports");
  EXPECT_TRUE(
      shared->call(ssrlink_test_connection, with_actor(R"("scope": "2")")).json.at("ok").as_bool());
}

}  // namespace
}  // namespace ssrlink::e2e
