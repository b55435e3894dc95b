// district_settings.hpp: one test per rule of a put's "settings" object and its refusals, each
// naming the key; the rows written and read back (round trips); rows that no longer read.
#include "core/settings/district_settings.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

#include "core/error.hpp"

namespace ssrlink::test {
namespace {

using namespace core;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char *const good_schedule =
    R"({"enabled": true, "days": ["mon", "fri"], "time": "02:30",
        "time_zone": "America/Los_Angeles"})";

settings_rows put(const std::string &settings_json) {
  return validated_settings(boost::json::parse(settings_json).as_object());
}

// The sentence a refused put gives; fails the test when the put was taken.
std::string refusal(const std::string &settings_json) {
  try {
    put(settings_json);
  } catch (const failure &e) {
    EXPECT_EQ(e.code(), status::invalid_argument) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "taken: " << settings_json;
  return {};
}

std::string schedule_with(const std::string &key, const std::string &value) {
  boost::json::object schedule = boost::json::parse(good_schedule).as_object();
  schedule[key] = boost::json::parse(value);
  return R"({"schedule": )" + boost::json::serialize(schedule) + "}";
}

// --- Rule 1: the keys ------------------------------------------------------------------------

TEST(district_settings, rule_1_only_the_four_keys_and_only_those_given_are_written) {
  EXPECT_TRUE(put("{}").empty());
  const settings_rows rows = put(R"({"summary_recipients": ["a@district.example"]})");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows.at("summary_recipients"), R"(["a@district.example"])");
  EXPECT_THAT(refusal(R"({"colour": "red"})"), HasSubstr("\"settings.colour\""));
  // Checked first: an unknown key beside a good one writes nothing.
  EXPECT_THAT(refusal(R"({"summary_recipients": [], "Schedule": {}})"),
              HasSubstr("\"settings.Schedule\""));
}

// --- Rule 2: parent_instructions ---------------------------------------------------------------

TEST(district_settings, rule_2_instructions_by_language_tag) {
  const settings_rows rows = put(
      R"({"parent_instructions": {"en": "Call the office.\n\nBring ID.\t(Room 4)\r\n",
                                  "es": "Llame a la oficina.", "zh-Hant": "請致電"}})");
  const district_settings read = settings_from_rows(rows);
  EXPECT_EQ(read.parent_instructions.size(), 3U);
  EXPECT_EQ(read.parent_instructions.at("es"), "Llame a la oficina.");
  EXPECT_EQ(read.parent_instructions.at("zh-Hant"), "請致電");
  EXPECT_TRUE(
      settings_from_rows(put(R"({"parent_instructions": {}})")).parent_instructions.empty());
}

TEST(district_settings, rule_2_refusals_name_the_key) {
  EXPECT_THAT(refusal(R"({"parent_instructions": "Call us"})"),
              HasSubstr("\"settings.parent_instructions\" must be a JSON object"));
  for (const char *tag : {"e", "toolongtag", "e n", "en_US", ""}) {
    EXPECT_THAT(refusal(std::string(R"({"parent_instructions": {")") + tag + R"(": "x"}})"),
                HasSubstr("\"settings.parent_instructions\" must have language tags"))
        << tag;
  }
  EXPECT_THAT(refusal(R"({"parent_instructions": {"es": 3}})"),
              HasSubstr("\"settings.parent_instructions.es\" must be a string"));
  EXPECT_THAT(refusal(R"({"parent_instructions": {"en": "bell\u0007"}})"),
              HasSubstr("\"settings.parent_instructions.en\" must not contain control"));
  EXPECT_THAT(refusal(R"({"parent_instructions": {"en": "c1\u0085"}})"),
              HasSubstr("\"settings.parent_instructions.en\""));
  EXPECT_THAT(refusal(R"({"parent_instructions": {"en": "nul\u0000"}})"),
              HasSubstr("\"settings.parent_instructions.en\""));
}

TEST(district_settings, rule_2_counts_characters_not_bytes) {
  std::string most;
  for (std::size_t i = 0; i < max_instruction_chars; ++i) {
    most += "é";  // two bytes each
  }
  boost::json::object settings;
  settings["parent_instructions"] = boost::json::object{{"fr", most}};
  EXPECT_EQ(validated_settings(settings).size(), 1U);
  settings["parent_instructions"] = boost::json::object{{"fr", most + "e"}};
  try {
    validated_settings(settings);
    ADD_FAILURE() << "2001 characters were taken";
  } catch (const failure &e) {
    EXPECT_THAT(e.what(), HasSubstr("\"settings.parent_instructions.fr\" must be at most 2000"));
  }
  // Text that is not UTF-8 (a request is checked before, a row read back is not).
  settings["parent_instructions"] = boost::json::object{{"fr", std::string("caf\xE9")}};
  EXPECT_THROW(validated_settings(settings), failure);
}

// --- Rule 3: summary_recipients ----------------------------------------------------------------

TEST(district_settings, rule_3_recipients) {
  const district_settings read = settings_from_rows(
      put(R"({"summary_recipients": ["testing@district.example", "o'brien+ssr@mail.k12.ca.us"]})"));
  EXPECT_THAT(read.summary_recipients,
              ElementsAre("testing@district.example", "o'brien+ssr@mail.k12.ca.us"));
  EXPECT_TRUE(settings_from_rows(put(R"({"summary_recipients": []})")).summary_recipients.empty());
}

TEST(district_settings, rule_3_refusals_name_the_key) {
  EXPECT_THAT(refusal(R"({"summary_recipients": "a@b.example"})"),
              HasSubstr("\"settings.summary_recipients\" must be an array"));
  for (const char *address : {"not an address", "no-at.example", "two@@district.example",
                              "a@b@district.example", "@district.example", "a@localhost",
                              "a@.example", "a@example.", "tab\t@district.example", ""}) {
    const boost::json::object settings{
        {"summary_recipients", boost::json::array{"ok@district.example", address}}};
    EXPECT_THAT(refusal(boost::json::serialize(settings)),
                HasSubstr("\"settings.summary_recipients[1]\" must be an email address"))
        << address;
  }
  EXPECT_THAT(refusal(R"({"summary_recipients": [7]})"),
              HasSubstr("\"settings.summary_recipients[0]\" must be a string"));
  const std::string local(250, 'a');
  EXPECT_THAT(refusal(R"({"summary_recipients": [")" + local + R"(@b.example"]})"),
              HasSubstr("\"settings.summary_recipients[0]\""));
  boost::json::array many;
  for (std::size_t i = 0; i <= max_summary_recipients; ++i) {
    many.emplace_back("staff" + std::to_string(i) + "@district.example");
  }
  EXPECT_THAT(refusal(R"({"summary_recipients": )" + boost::json::serialize(many) + "}"),
              HasSubstr("\"settings.summary_recipients\" must hold at most 50"));
  many.pop_back();
  EXPECT_EQ(put(R"({"summary_recipients": )" + boost::json::serialize(many) + "}").size(), 1U);
}

// --- Rule 4: sweep_defaults ------------------------------------------------------------------

TEST(district_settings, rule_4_sweep_defaults_any_of_four) {
  const district_settings read = settings_from_rows(put(
      R"({"sweep_defaults": {"include_previous_year": true, "skip_leave_before": "2026-06-30",
                             "skip_tags": ["WD", "X"], "concurrency": 8}})"));
  EXPECT_EQ(read.sweep.include_previous_year, true);
  EXPECT_EQ(read.sweep.skip_leave_before,
            day_point{std::chrono::year{2026} / std::chrono::June / 30});
  EXPECT_EQ(read.sweep.skip_tags, (std::vector<std::string>{"WD", "X"}));
  EXPECT_EQ(read.sweep.concurrency, 8U);
  const district_settings some =
      settings_from_rows(put(R"({"sweep_defaults": {"concurrency": 1}})"));
  EXPECT_EQ(some.sweep, (sweep_defaults{std::nullopt, std::nullopt, std::nullopt, 1U}));
  EXPECT_EQ(settings_from_rows(put(R"({"sweep_defaults": {}})")).sweep, sweep_defaults{});
}

TEST(district_settings, rule_4_refusals_name_the_key) {
  EXPECT_THAT(refusal(R"({"sweep_defaults": []})"),
              HasSubstr("\"settings.sweep_defaults\" must be a JSON object"));
  EXPECT_THAT(refusal(R"({"sweep_defaults": {"include_previous_year": "yes"}})"),
              HasSubstr("\"settings.sweep_defaults.include_previous_year\""));
  EXPECT_THAT(refusal(R"({"sweep_defaults": {"skip_leave_before": "06/30/2026"}})"),
              HasSubstr("\"settings.sweep_defaults.skip_leave_before\" must be a date"));
  EXPECT_THAT(refusal(R"({"sweep_defaults": {"skip_tags": ["WD", 3]}})"),
              HasSubstr("\"settings.sweep_defaults.skip_tags\""));
  for (const char *concurrency : {"0", "257", "1.5", "\"8\""}) {
    EXPECT_THAT(refusal(std::string(R"({"sweep_defaults": {"concurrency": )") + concurrency + "}}"),
                HasSubstr("\"settings.sweep_defaults.concurrency\""))
        << concurrency;
  }
  EXPECT_THAT(refusal(R"({"sweep_defaults": {"scope": "district"}})"),
              HasSubstr("\"settings.sweep_defaults.scope\""));
}

// --- Rule 5: schedule ------------------------------------------------------------------------

TEST(district_settings, rule_5_schedule) {
  const district_settings read =
      settings_from_rows(put(std::string(R"({"schedule": )") + good_schedule + "}"));
  EXPECT_TRUE(read.schedule.enabled);
  EXPECT_EQ(read.schedule.days,
            (std::array<bool, 7>{false, true, false, false, false, true, false}));
  EXPECT_EQ(read.schedule.minute_of_day, 150);
  EXPECT_EQ(read.schedule.time_zone, "America/Los_Angeles");
  // Midnight and the last minute; a disabled schedule may name no day.
  EXPECT_EQ(settings_from_rows(put(schedule_with("time", R"("00:00")"))).schedule.minute_of_day, 0);
  EXPECT_EQ(settings_from_rows(put(schedule_with("time", R"("23:59")"))).schedule.minute_of_day,
            1439);
  EXPECT_EQ(put(R"({"schedule": {"enabled": false, "days": [], "time": "02:30",
                                 "time_zone": "UTC"}})")
                .size(),
            1U);
}

TEST(district_settings, rule_5_refusals_name_the_key) {
  EXPECT_THAT(refusal(R"({"schedule": "nightly"})"),
              HasSubstr("\"settings.schedule\" must be a JSON object"));
  EXPECT_THAT(refusal(R"({"schedule": {"days": ["mon"], "time": "02:30", "time_zone": "UTC"}})"),
              HasSubstr("\"settings.schedule.enabled\" is required"));
  EXPECT_THAT(refusal(schedule_with("enabled", "1")), HasSubstr("\"settings.schedule.enabled\""));
  EXPECT_THAT(refusal(R"({"schedule": {"enabled": true, "time": "02:30", "time_zone": "UTC"}})"),
              HasSubstr("\"settings.schedule.days\" is required"));
  EXPECT_THAT(refusal(schedule_with("days", "[]")),
              HasSubstr("\"settings.schedule.days\" must name at least one day"));
  EXPECT_THAT(refusal(schedule_with("days", R"(["mon", "Monday"])")),
              HasSubstr("\"settings.schedule.days\" must name days as"));
  EXPECT_THAT(refusal(schedule_with("days", R"(["MON"])")),
              HasSubstr("\"settings.schedule.days\""));
  EXPECT_THAT(refusal(schedule_with("days", R"(["mon", "fri", "mon"])")),
              HasSubstr("\"settings.schedule.days\" must not name a day twice"));
  for (const char *time : {R"("24:00")", R"("2:30")", R"("02:60")", R"("02.30")", R"("0230")",
                           R"("02:3x")", R"("")"}) {
    EXPECT_THAT(refusal(schedule_with("time", time)),
                HasSubstr("\"settings.schedule.time\" must be HH:MM"))
        << time;
  }
  EXPECT_THAT(refusal(schedule_with("time", "230")), HasSubstr("\"settings.schedule.time\""));
  for (const char *zone :
       {R"("../../etc/passwd")", R"("/etc/localtime")", R"("Los Angeles")", R"("")", "7"}) {
    EXPECT_THAT(refusal(schedule_with("time_zone", zone)),
                HasSubstr("\"settings.schedule.time_zone\" must be"))
        << zone;
  }
  EXPECT_THAT(refusal(schedule_with("time_zone", R"("America/Atlantis")")),
              HasSubstr("\"settings.schedule.time_zone\" must be a time zone this machine knows"));
  EXPECT_THAT(refusal(schedule_with("every", R"("day")")),
              HasSubstr("\"settings.schedule.every\""));
}

TEST(district_settings, the_rules_are_checked_in_order) {
  // Rule 3's refusal comes before rule 5's, whatever the order of the keys in the object.
  EXPECT_THAT(refusal(R"({"schedule": "nightly", "summary_recipients": ["nobody"]})"),
              HasSubstr("settings.summary_recipients"));
  EXPECT_THAT(refusal(R"({"sweep_defaults": {"concurrency": 0},
                          "parent_instructions": {"en": 1}})"),
              HasSubstr("settings.parent_instructions"));
}

// --- Rows, round trips, JSON -----------------------------------------------------------------

TEST(district_settings, the_defaults_with_nothing_stored_and_their_json) {
  EXPECT_EQ(settings_from_rows({}), district_settings{});
  const boost::json::object json = settings_json(district_settings{});
  EXPECT_EQ(boost::json::serialize(json),
            R"({"parent_instructions":{},"summary_recipients":[],"sweep_defaults":{},)"
            R"("schedule":{"enabled":false,"days":[],"time":"02:30",)"
            R"("time_zone":"America/Los_Angeles"}})");
  // The defaults are in the shape a put takes, and a put of them changes nothing.
  EXPECT_EQ(settings_from_rows(validated_settings(json)), district_settings{});
}

TEST(district_settings, every_setting_round_trips_through_rows_and_json) {
  district_settings s;
  s.parent_instructions = {{"en", "Call \"the\" office.\n"}, {"es", "Llame a la oficina."}};
  s.summary_recipients = {"testing@district.example", "b@district.example"};
  s.sweep.include_previous_year = false;
  s.sweep.skip_leave_before = day_point{std::chrono::year{2026} / 1 / 5};
  s.sweep.skip_tags = std::vector<std::string>{};
  s.sweep.concurrency = 256;
  s.schedule = sweep_schedule{true, {true, false, false, true, false, false, true}, 1439, "UTC"};
  const boost::json::object json = settings_json(s);
  const settings_rows rows = validated_settings(json);
  EXPECT_EQ(rows.size(), 4U);
  EXPECT_EQ(settings_from_rows(rows), s);
  EXPECT_EQ(settings_json(settings_from_rows(rows)), json);
  EXPECT_EQ(boost::json::serialize(json.at("schedule")),
            R"({"enabled":true,"days":["sun","wed","sat"],"time":"23:59","time_zone":"UTC"})");
  EXPECT_EQ(rows.at("sweep_defaults"),
            R"({"include_previous_year":false,"skip_leave_before":"2026-01-05",)"
            R"("skip_tags":[],"concurrency":256})");
}

TEST(district_settings, an_unreadable_row_keeps_its_default_and_is_named) {
  settings_rows rows = put(R"({"summary_recipients": ["a@district.example"],
                               "parent_instructions": {"en": "Hi"}})");
  rows["schedule"] = R"({"enabled": true, "days": ["mon"], "time": "26:00", "time_zone": "UTC"})";
  rows["sweep_defaults"] = "{not json";
  rows["a_setting_of_a_newer_ssrlink"] = "42";
  std::vector<std::string> unreadable;
  const district_settings read = settings_from_rows(rows, &unreadable);
  EXPECT_THAT(unreadable, ElementsAre("sweep_defaults", "schedule"));
  EXPECT_EQ(read.schedule, sweep_schedule{});
  EXPECT_EQ(read.sweep, sweep_defaults{});
  // The good rows still read.
  EXPECT_THAT(read.summary_recipients, ElementsAre("a@district.example"));
  EXPECT_EQ(read.parent_instructions.at("en"), "Hi");
  // A row of the right JSON but the wrong shape, and one that is not UTF-8, likewise.
  unreadable.clear();
  settings_from_rows(
      {{"parent_instructions", "[]"}, {"summary_recipients", "[\"\xff@x.example\"]"}}, &unreadable);
  EXPECT_THAT(unreadable, ElementsAre("parent_instructions", "summary_recipients"));
  // Without a list to fill, the defaults all the same.
  EXPECT_EQ(settings_from_rows({{"schedule", "null"}}), district_settings{});
}

}  // namespace
}  // namespace ssrlink::test
