// settings_service: get and put over the store (requests checked strictly, a refused put writes
// nothing, rows stamped with the actor), and current() with its cache: the TTL on the manual
// clock, a put visible at once, a failing store falling back to the last settings and logging
// once per TTL.
#include "core/settings/settings_service.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>

#include "core/error.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_settings_store.hpp"
#include "doubles/recording_logger.hpp"

namespace ssrlink::test {
namespace {

using namespace core;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::manual_clock;
using testing::memory_settings_store;
using testing::recording_logger;

struct service_test : ::testing::Test {
  memory_settings_store store;
  manual_clock clock;
  recording_logger log;
  settings_service service{store, clock, log};

  boost::json::object answer_of(const call_result &result) {
    EXPECT_EQ(result.code, status::ok);
    return boost::json::parse(result.json).at("settings").as_object();
  }
  // Plants a row as another host process would have written it.
  void stored(const std::string &name, const std::string &value) {
    store.rows[name] = memory_settings_store::row{value, clock.now(), "other"};
  }
  std::string refusal(const std::function<void()> &call) {
    try {
      call();
    } catch (const failure &e) {
      return e.what();
    }
    ADD_FAILURE() << "not refused";
    return {};
  }
};

TEST_F(service_test, get_answers_every_setting_defaults_included) {
  const boost::json::object settings = answer_of(service.get("{}"));
  EXPECT_EQ(settings, settings_json(district_settings{}));
  stored("summary_recipients", R"(["a@district.example"])");
  EXPECT_EQ(boost::json::serialize(answer_of(service.get("{}")).at("summary_recipients")),
            R"(["a@district.example"])")
      << "get reads the store, not the cache";
  EXPECT_EQ(store.loads, 2);
}

TEST_F(service_test, get_refuses_any_key) {
  EXPECT_THAT(refusal([&] { service.get(R"({"settings": {}})"); }), HasSubstr("\"settings\""));
  EXPECT_THAT(refusal([&] { service.get("[]"); }), HasSubstr("The settings request"));
  EXPECT_EQ(store.loads, 0);
}

TEST_F(service_test, get_fails_when_the_store_fails) {
  store.fail = true;
  try {
    service.get("{}");
    FAIL() << "defaults were answered for a database without the table";
  } catch (const failure &e) {
    EXPECT_EQ(e.code(), status::database);
    EXPECT_THAT(e.what(), HasSubstr("ssrlink_settings"));
    EXPECT_THAT(e.what(), HasSubstr("0005_staff_and_families.sql"));
  }
}

TEST_F(service_test, put_writes_the_keys_given_stamped_and_answers_every_setting) {
  stored("parent_instructions", R"({"en":"Call us."})");
  const boost::json::object settings = answer_of(service.put(
      R"({"settings": {"summary_recipients": ["testing@district.example"]}})", "j.doe"));
  ASSERT_EQ(store.rows.size(), 2U);
  const auto &row = store.rows.at("summary_recipients");
  EXPECT_EQ(row.value, R"(["testing@district.example"])");
  EXPECT_EQ(row.updated_by, "j.doe");
  EXPECT_EQ(row.updated_at, clock.now());
  EXPECT_EQ(store.rows.at("parent_instructions").updated_by, "other") << "left as it was";
  EXPECT_EQ(boost::json::serialize(settings.at("parent_instructions")), R"({"en":"Call us."})");
  EXPECT_EQ(boost::json::serialize(settings.at("summary_recipients")),
            R"(["testing@district.example"])");
}

TEST_F(service_test, put_refuses_before_writing_anything) {
  EXPECT_THAT(refusal([&] {
                service.put(R"({"settings": {"summary_recipients": ["ok@district.example"],
                                             "schedule": {"enabled": true, "days": ["mon"],
                                                          "time": "25:00", "time_zone": "UTC"}}})",
                            "j.doe");
              }),
              HasSubstr("settings.schedule.time"));
  EXPECT_THAT(refusal([&] { service.put("{}", "j.doe"); }), HasSubstr("\"settings\" is required"));
  EXPECT_THAT(refusal([&] { service.put(R"({"settings": {}, "dry_run": true})", "j.doe"); }),
              HasSubstr("\"dry_run\""));
  EXPECT_THAT(refusal([&] { service.put(R"({"settings": []})", "j.doe"); }),
              HasSubstr("\"settings\" must be a JSON object"));
  EXPECT_EQ(store.saves, 0);
  EXPECT_TRUE(store.rows.empty());
}

TEST_F(service_test, current_is_cached_for_the_ttl) {
  stored("summary_recipients", R"(["a@district.example"])");
  EXPECT_THAT(service.current().summary_recipients, ElementsAre("a@district.example"));
  // Another process changes it: this one sees it only once the TTL is over.
  stored("summary_recipients", R"(["b@district.example"])");
  clock.advance(settings_cache_ttl - std::chrono::milliseconds{1});
  EXPECT_THAT(service.current().summary_recipients, ElementsAre("a@district.example"));
  EXPECT_EQ(store.loads, 1);
  clock.advance(std::chrono::milliseconds{1});
  EXPECT_THAT(service.current().summary_recipients, ElementsAre("b@district.example"));
  EXPECT_EQ(store.loads, 2);
  // A clock that went back does not keep a cache forever.
  clock.advance(-std::chrono::hours{1});
  service.current();
  EXPECT_EQ(store.loads, 3);
}

TEST_F(service_test, a_put_is_visible_at_once) {
  EXPECT_TRUE(service.current().parent_instructions.empty());
  service.put(R"({"settings": {"parent_instructions": {"es": "Llame."}}})", "j.doe");
  EXPECT_EQ(service.current().parent_instructions.at("es"), "Llame.");
  EXPECT_EQ(store.loads, 1) << "no second read within the TTL";
  // A put on a stale cache reads the rest again and lays the put over it.
  stored("summary_recipients", R"(["a@district.example"])");
  clock.advance(settings_cache_ttl);
  service.put(R"({"settings": {"sweep_defaults": {"concurrency": 4}}})", "j.doe");
  const district_settings now = service.current();
  EXPECT_EQ(now.sweep.concurrency, 4U);
  EXPECT_THAT(now.summary_recipients, ElementsAre("a@district.example"));
  EXPECT_EQ(now.parent_instructions.at("es"), "Llame.");
}

TEST_F(service_test, a_failing_store_falls_back_and_is_logged_once_per_ttl) {
  stored("parent_instructions", R"({"en":"Call us."})");
  EXPECT_EQ(service.current().parent_instructions.at("en"), "Call us.");
  store.fail = true;
  clock.advance(settings_cache_ttl);
  for (int page = 0; page < 5; ++page) {
    EXPECT_EQ(service.current().parent_instructions.at("en"), "Call us.") << "the last good ones";
  }
  EXPECT_EQ(store.loads, 2);
  const auto warnings = log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 1U) << log.joined();
  EXPECT_THAT(warnings[0], HasSubstr("ssrlink_settings"));
  EXPECT_THAT(warnings[0], HasSubstr("SQLSTATE 42S02"));
  clock.advance(settings_cache_ttl);
  service.current();
  EXPECT_EQ(log.at(log_level::warning).size(), 2U) << "once more after the TTL";
  // Back again: read as before.
  store.fail = false;
  stored("parent_instructions", R"({"en":"Call the office."})");
  clock.advance(settings_cache_ttl);
  EXPECT_EQ(service.current().parent_instructions.at("en"), "Call the office.");
}

TEST_F(service_test, a_failing_store_from_the_start_gives_the_defaults) {
  store.fail = true;
  EXPECT_EQ(service.current(), district_settings{});
  EXPECT_EQ(log.at(log_level::warning).size(), 1U);
  // A put that cannot be saved fails and changes nothing.
  EXPECT_THROW(service.put(R"({"settings": {"summary_recipients": []}})", "j.doe"), failure);
  EXPECT_EQ(service.current(), district_settings{});
}

TEST_F(service_test, an_unreadable_row_is_named_in_the_log_and_the_others_serve) {
  stored("schedule",
         R"({"enabled": true, "days": ["funday"], "time": "02:30", "time_zone": "UTC"})");
  stored("summary_recipients", R"(["a@district.example"])");
  const district_settings now = service.current();
  EXPECT_EQ(now.schedule, sweep_schedule{});
  EXPECT_THAT(now.summary_recipients, ElementsAre("a@district.example"));
  const auto warnings = log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_THAT(warnings[0], HasSubstr("schedule"));
  EXPECT_THAT(warnings[0], HasSubstr("ssrlink_settings_put"));
}

}  // namespace
}  // namespace ssrlink::test
