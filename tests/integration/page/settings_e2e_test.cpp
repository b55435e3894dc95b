// The district's settings through the C ABI on the SQLite ODBC driver: defaults, a put that
// replaces only the keys given, refusals naming the key with nothing written, the audit rows
// with their actor, a second handle (another host process) reading what the first wrote, and
// the instructions on a parent's page (never on a refusal).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

boost::json::object settings_now() {
  const answer a = shared->call(ssrlink_settings_get, with_actor());
  EXPECT_EQ(a.status, SSRLINK_OK) << a.text;
  return a.json.at("settings").as_object();
}

answer put(const std::string &settings_json) {
  return shared->call(ssrlink_settings_put, with_actor(R"("settings": )" + settings_json));
}

const std::string parent_viewer =
    R"({"role": "parent", "user_id": ")" + parent_account(plain, 1) + R"(", "permitted": true})";

class SettingsE2E : public ::testing::Test {
 protected:
  // Every test starts from the defaults: no row in the table.
  void SetUp() override { shared->query("DELETE FROM ssrlink_settings;"); }
  void TearDown() override {
    shared->query("DELETE FROM ssrlink_settings;");
    // The shared handle caches what it wrote; an empty put of every key restores the defaults
    // in its cache as well.
    put(R"({"parent_instructions": {}, "summary_recipients": [],
            "sweep_defaults": {}, "schedule": {"enabled": false, "days": ["mon"],
            "time": "02:30", "time_zone": "America/Los_Angeles"}})");
    shared->query("DELETE FROM ssrlink_settings;");
  }
};

TEST_F(SettingsE2E, DefaultsComeBackWhenNothingIsStored) {
  const boost::json::object s = settings_now();
  EXPECT_TRUE(s.at("parent_instructions").as_object().empty());
  EXPECT_TRUE(s.at("summary_recipients").as_array().empty());
  EXPECT_FALSE(s.at("schedule").at("enabled").as_bool());
  EXPECT_EQ(s.at("schedule").at("time_zone").as_string(), "America/Los_Angeles");
}

TEST_F(SettingsE2E, APutReplacesTheKeysGivenAndLeavesTheOthers) {
  ASSERT_EQ(put(R"({"summary_recipients": ["testing@district.example"]})").status, SSRLINK_OK);
  const answer a = put(R"({"schedule": {"enabled": true, "days": ["mon", "thu"],
                           "time": "02:30", "time_zone": "America/Los_Angeles"}})");
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  const boost::json::object s = a.json.at("settings").as_object();
  EXPECT_EQ(boost::json::serialize(s.at("summary_recipients")), R"(["testing@district.example"])");
  EXPECT_TRUE(s.at("schedule").at("enabled").as_bool());
  EXPECT_EQ(boost::json::serialize(s.at("schedule").at("days")), R"(["mon","thu"])");
  EXPECT_EQ(settings_now(), s);
  // One row per setting, stamped with the actor.
  EXPECT_EQ(shared->query("SELECT name, updated_by FROM ssrlink_settings ORDER BY name;"),
            "schedule|e2e-admin\nsummary_recipients|e2e-admin");
  EXPECT_GE(
      std::stoll(shared->query("SELECT COUNT(*) FROM ssrlink_audit WHERE action = 'settings_put' "
                               "AND user_id = 'e2e-admin' AND outcome = 'ok';")),
      1);
}

TEST_F(SettingsE2E, ABadValueIsRefusedNamingTheKeyAndNothingIsWritten) {
  const answer a = put(R"({"summary_recipients": ["ok@district.example"],
                           "schedule": {"enabled": true, "days": ["mon"], "time": "25:00",
                                        "time_zone": "America/Los_Angeles"}})");
  EXPECT_EQ(a.status, SSRLINK_INVALID_ARGUMENT) << a.text;
  EXPECT_NE(a.text.find("settings.schedule.time"), std::string::npos) << a.text;
  EXPECT_EQ(shared->query("SELECT COUNT(*) FROM ssrlink_settings;"), "0");
  for (const char *bad : {R"({"colour": "red"})",
                          R"({"schedule": {"enabled": true, "days": ["mon"], "time": "02:30",
                               "time_zone": "../../etc/passwd"}})",
                          R"({"summary_recipients": ["not an address"]})"}) {
    EXPECT_EQ(put(bad).status, SSRLINK_INVALID_ARGUMENT) << bad;
  }
  EXPECT_EQ(shared->call(ssrlink_settings_put, R"({"settings": {}})").status,
            SSRLINK_INVALID_ARGUMENT)
      << "an actor is required";
  EXPECT_GE(
      std::stoll(shared->query("SELECT COUNT(*) FROM ssrlink_audit WHERE action = 'settings_put' "
                               "AND outcome = 'invalid_argument';")),
      1);
}

TEST_F(SettingsE2E, AnotherHandleReadsWhatThisOneWrote) {
  ASSERT_EQ(put(R"({"parent_instructions": {"en": "Call the office."}})").status, SSRLINK_OK);
  ssrlink_host host{};
  host.struct_size = sizeof host;
  host.now_ms = host_now_ms;
  ssrlink_plugin *other = nullptr;
  ssrlink_buffer *error = nullptr;
  const std::string config = shared->config_json(shared->ets->base_url());
  ASSERT_EQ(ssrlink_open(&host, config.c_str(), &other, &error), SSRLINK_OK);
  ssrlink_buffer *out = nullptr;
  ASSERT_EQ(ssrlink_settings_get(other, with_actor().c_str(), &out), SSRLINK_OK);
  const auto json = boost::json::parse(ssrlink_buffer_data(out));
  ssrlink_buffer_free(out);
  ssrlink_close(other);
  EXPECT_EQ(json.at("settings").at("parent_instructions").at("en").as_string(), "Call the office.");
}

TEST_F(SettingsE2E, TheInstructionsReachAParentsPageEscapedAndNeverARefusal) {
  ASSERT_EQ(
      put(R"({"parent_instructions": {"en": "Scores <b>explained</b> at the office.\n\nBring ID."}})")
          .status,
      SSRLINK_OK);
  const answer page = shared->page(plain, parent_viewer);
  ASSERT_EQ(page.status, SSRLINK_OK) << page.text;
  const std::string html(page.json.at("html").as_string());
  EXPECT_NE(html.find("ssrlink-instructions"), std::string::npos) << html;
  EXPECT_NE(html.find("Scores &lt;b&gt;explained&lt;/b&gt; at the office.</p>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<p>Bring ID.</p>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b>explained"), std::string::npos);

  const std::string stranger =
      R"({"role": "parent", "user_id": "nobody-at-all", "permitted": true})";
  const answer refused = shared->page(plain, stranger);
  EXPECT_EQ(refused.json.at("outcome").as_string(), "denied");
  EXPECT_EQ(refused.text.find("Bring ID"), std::string::npos) << refused.text;
}

}  // namespace
}  // namespace ssrlink::e2e
