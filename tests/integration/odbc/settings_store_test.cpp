// The district's settings (odbc_settings_store, ssrlink_settings of schema version 5) on both
// real databases: rows saved and read back byte for byte, stamped with who and when, replaced
// one by one, all or none in one transaction; a database without the table names the migration;
// and the settings service over it, as two host processes see it.
#include "odbc/settings_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string_view>

#include "backends.hpp"
#include "core/error.hpp"
#include "core/settings/settings_service.hpp"
#include "doubles/manual_clock.hpp"
#include "odbc/odbc_ports.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

using ::testing::HasSubstr;
using rows = std::map<std::string, std::string>;

template <class Backend>
class settings_store_test : public ::testing::Test {
 protected:
  void SetUp() override {
    connection_string_ = Backend::fresh_database();
    ports_ = make_odbc_ports(connection_string_, 2, log_);
  }

  void exec(const std::string &sql) {
    ports_.pool->run({"prepare the test", {}}, [&](connection &c) { c.prepare(sql).execute({}); });
  }
  std::int64_t count(const std::string &where) {
    return scalar(*ports_.pool, "SELECT COUNT(*) FROM ssrlink_settings WHERE " + where);
  }
  core::settings_store &store() { return *ports_.settings; }

  std::string connection_string_;
  recording_logger log_;
  odbc_ports ports_;
};

TYPED_TEST_SUITE(settings_store_test, backends, backend_names);

TYPED_TEST(settings_store_test, rows_are_saved_stamped_and_read_back_as_written) {
  EXPECT_TRUE(this->store().load().empty());
  // Text the district writes: quotes, line ends, accents, other scripts, and a long one.
  std::string long_text = R"({"en":")";
  for (int i = 0; i < 2000; ++i) {
    long_text += "文";
  }
  long_text += R"("})";
  const rows written{{"parent_instructions", long_text},
                     {"summary_recipients", R"(["o'brien@district.example"])"},
                     {"schedule", "{\"enabled\":true,\n\"time_zone\":\"América\"}"}};
  this->store().save(written, "j.doe", at_ms(1795000000123));
  EXPECT_EQ(this->store().load(), written);
  EXPECT_EQ(this->count("updated_by = 'j.doe' AND updated_at = 1795000000123"), 3);
}

TYPED_TEST(settings_store_test, a_save_replaces_the_rows_given_and_leaves_the_others) {
  this->store().save({{"schedule", "1"}, {"sweep_defaults", "2"}}, "a", at_ms(10));
  this->store().save({{"schedule", "3"}}, "b", at_ms(20));
  EXPECT_EQ(this->store().load(), (rows{{"schedule", "3"}, {"sweep_defaults", "2"}}));
  EXPECT_EQ(this->count("name = 'schedule' AND updated_by = 'b' AND updated_at = 20"), 1);
  EXPECT_EQ(this->count("name = 'sweep_defaults' AND updated_by = 'a' AND updated_at = 10"), 1);
  this->store().save({}, "c", at_ms(30));  // nothing to write
  EXPECT_EQ(this->count("1 = 1"), 2);
}

TYPED_TEST(settings_store_test, a_save_is_all_or_none) {
  // A trigger refuses the second row of the save: the first must not stay behind.
  if constexpr (std::string_view(TypeParam::name) == "sqlite") {
    this->exec(
        "CREATE TRIGGER refuse_poison BEFORE INSERT ON ssrlink_settings WHEN NEW.name = "
        "'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
  } else {
    this->exec(
        "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
        "NEW.name = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$");
    this->exec(
        "CREATE TRIGGER refuse_poison BEFORE INSERT ON ssrlink_settings FOR EACH ROW "
        "EXECUTE FUNCTION refuse_poison()");
  }
  this->store().save({{"schedule", "old"}}, "a", at_ms(1));
  try {
    this->store().save({{"a_first", "1"}, {"poison", "2"}, {"schedule", "new"}}, "b", at_ms(2));
    FAIL() << "the poisoned save went through";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
  }
  EXPECT_EQ(this->store().load(), (rows{{"schedule", "old"}}));
  // The connection went back to the pool in autocommit mode: the next save stands alone.
  this->store().save({{"a_first", "1"}}, "c", at_ms(3));
  EXPECT_EQ(this->count("1 = 1"), 2);
}

TYPED_TEST(settings_store_test, names_and_user_ids_longer_than_their_columns_are_refused) {
  for (const auto &[name, user] : {std::pair{std::string(65, 'n'), std::string("a")},
                                   std::pair{std::string(""), std::string("a")},
                                   std::pair{std::string("schedule"), std::string(129, 'u')}}) {
    try {
      this->store().save({{name, "1"}}, user, at_ms(1));
      ADD_FAILURE() << name.size() << " " << user.size();
    } catch (const core::failure &e) {
      EXPECT_EQ(e.code(), core::status::invalid_argument) << e.what();
    }
  }
  this->store().save({{std::string(64, 'n'), "1"}}, std::string(128, 'u'), at_ms(1));
  EXPECT_EQ(this->count("1 = 1"), 1);
}

TYPED_TEST(settings_store_test, a_database_at_version_4_names_the_migration) {
  this->exec("DROP TABLE ssrlink_settings");
  for (int call = 0; call < 2; ++call) {
    try {
      if (call == 0) {
        this->store().load();
      } else {
        this->store().save({{"schedule", "{}"}}, "a", at_ms(1));
      }
      FAIL() << "expected failure";
    } catch (const core::failure &e) {
      EXPECT_EQ(e.code(), core::status::database);
      EXPECT_THAT(e.what(), HasSubstr("The database has no table ssrlink_settings"));
      EXPECT_THAT(e.what(), HasSubstr(std::string("sql/") + TypeParam::name +
                                      "/migrations/0005_staff_and_families.sql"));
    }
  }
}

TYPED_TEST(settings_store_test, two_processes_share_the_settings_through_the_table) {
  ssrlink::testing::manual_clock clock;
  recording_logger other_log;
  core::settings_service first(this->store(), clock, this->log_);
  odbc_ports other = make_odbc_ports(this->connection_string_, 1, other_log);
  core::settings_service second(*other.settings, clock, other_log);
  EXPECT_TRUE(second.current().summary_recipients.empty());
  const core::call_result put = first.put(
      R"({"settings": {"summary_recipients": ["testing@district.example"],
                       "schedule": {"enabled": true, "days": ["tue"], "time": "05:15",
                                    "time_zone": "America/Los_Angeles"}}})",
      "j.doe");
  ASSERT_EQ(put.code, core::status::ok);
  EXPECT_TRUE(second.current().summary_recipients.empty()) << "cached for the TTL";
  clock.advance(core::settings_cache_ttl);
  const core::district_settings seen = second.current();
  ASSERT_EQ(seen.summary_recipients.size(), 1U);
  EXPECT_EQ(seen.schedule.minute_of_day, 5 * 60 + 15);
  EXPECT_EQ(seen, first.current());
  EXPECT_EQ(this->count("updated_by = 'j.doe'"), 2);
}

}  // namespace
}  // namespace ssrlink::odbc::testing
