// One suite, two real databases: every port of the ODBC adapter against SQLite (SQLite3 ODBC
// driver) and PostgreSQL (psqlODBC), each test on a fresh database holding the demo district.
#include "odbc/odbc_ports.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "backends.hpp"
#include "core/error.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

template <class Backend>
class odbc_ports_test : public ::testing::Test {
 protected:
  void SetUp() override {
    connection_string_ = Backend::fresh_database();
    ports_ = make_odbc_ports(connection_string_, 4, log_);
  }

  // Runs trusted test SQL on the pool.
  void exec(const std::string &sql) {
    ports_.pool->run({"prepare the test", {}}, [&](connection &c) { c.prepare(sql).execute({}); });
  }

  std::string connection_string_;
  recording_logger log_;
  odbc_ports ports_;
};

TYPED_TEST_SUITE(odbc_ports_test, backends, backend_names);

TYPED_TEST(odbc_ports_test, finds_a_student_with_the_contact_the_parent_signed_in_as) {
  // 1003: Carmen Lopez, grade 1, school 1, Vietnamese; contact 2 is the O'Brien guardian.
  const auto found = this->ports_.students->find_student({1003, 2});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->student_id, 1003);
  EXPECT_EQ(found->school_code, "1");
  EXPECT_EQ(found->ssid, "2000000003");
  EXPECT_EQ(found->correspondence_language, "02");
  EXPECT_EQ(found->grade, 1);
  EXPECT_FALSE(found->do_not_release);
  EXPECT_FALSE(found->hide_contact);
  ASSERT_TRUE(found->contact.has_value());
  EXPECT_EQ(found->contact->sequence, 2);
  EXPECT_EQ(found->contact->email, "zoe.obrien@example.org");
  EXPECT_TRUE(found->contact->educational_rights);
  EXPECT_FALSE(found->contact->hide_contact);
  EXPECT_EQ(found->contact->language, "00");
}

TYPED_TEST(odbc_ports_test, reads_flags_grades_and_missing_ssids) {
  auto &students = *this->ports_.students;
  EXPECT_EQ(students.find_student({1001, {}})->grade, -1);  // TK
  EXPECT_EQ(students.find_student({1002, {}})->grade, 0);   // K
  EXPECT_EQ(students.find_student({1014, {}})->grade, 12);
  EXPECT_TRUE(students.find_student({1004, {}})->do_not_release);
  EXPECT_TRUE(students.find_student({1006, {}})->hide_contact);
  EXPECT_EQ(students.find_student({1007, {}})->school_code, "10");
  EXPECT_EQ(students.find_student({1031, {}})->ssid, "");  // NULL CID
  EXPECT_EQ(students.find_student({1032, {}})->ssid, "");  // empty CID
  const auto hidden = students.find_student({1006, 1});
  ASSERT_TRUE(hidden && hidden->contact);
  EXPECT_TRUE(hidden->contact->hide_contact);
  const auto no_rights = students.find_student({1004, 2});
  ASSERT_TRUE(no_rights && no_rights->contact);
  EXPECT_FALSE(no_rights->contact->educational_rights);
  const auto no_email = students.find_student({1009, 1});
  ASSERT_TRUE(no_email && no_email->contact);
  EXPECT_EQ(no_email->contact->email, "");
}

TYPED_TEST(odbc_ports_test, an_unlinked_or_deleted_contact_is_absent) {
  auto &students = *this->ports_.students;
  const auto staff = students.find_student({1002, {}});
  ASSERT_TRUE(staff.has_value());
  EXPECT_FALSE(staff->contact.has_value());
  EXPECT_FALSE(students.find_student({1002, 9})->contact.has_value());  // no such contact
  EXPECT_FALSE(students.find_student({1002, 3})->contact.has_value());  // deleted contact
  EXPECT_FALSE(students.find_student({1003, 1000})->contact.has_value());
  // A contact of another student never links.
  EXPECT_TRUE(students.find_student({1005, 2})->contact.has_value());
  EXPECT_FALSE(students.find_student({1006, 2})->contact.has_value());
}

TYPED_TEST(odbc_ports_test, a_deleted_or_unknown_student_is_not_found) {
  auto &students = *this->ports_.students;
  EXPECT_FALSE(students.find_student({1034, {}}).has_value());  // DEL = 'Y'
  EXPECT_FALSE(students.find_student({999999, 1}).has_value());
  EXPECT_FALSE(students.find_student({-1, {}}).has_value());
  EXPECT_FALSE(students.find_student({INT64_MAX, {}}).has_value());
}

TYPED_TEST(odbc_ports_test, a_student_lookup_is_one_round_trip) {
  connection_pool &pool = *this->ports_.pool;
  auto &students = *this->ports_.students;
  for (const core::student_query &q :
       {core::student_query{1003, 2}, core::student_query{1003, {}}, core::student_query{999999, 1},
        core::student_query{1010, 1}}) {
    const std::uint64_t before = pool.statements_executed();
    students.find_student(q);
    EXPECT_EQ(pool.statements_executed() - before, 1u) << "student " << q.student_id;
  }
}

TYPED_TEST(odbc_ports_test, credentials_are_inserted_replaced_listed_and_removed) {
  auto &store = *this->ports_.credentials;
  EXPECT_FALSE(store.get("district").has_value());
  core::stored_credentials district{"district", "caaspp-user", "c2VhbGVk",
                                    core::day_point{std::chrono::days{20779}},
                                    at_ms(1795000000123)};
  store.put(district);
  store.put({"10", "charter-user", "b3RoZXI=", core::day_point{std::chrono::days{20800}},
             at_ms(1795000000999)});
  auto got = store.get("district");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->username, "caaspp-user");
  EXPECT_EQ(got->sealed_secret, "c2VhbGVk");
  EXPECT_EQ(got->expires_on, district.expires_on);
  EXPECT_EQ(got->updated_at, district.updated_at);

  district.username = "renamed";
  district.sealed_secret = "bmV3";
  store.put(district);
  EXPECT_EQ(store.get("district")->username, "renamed");
  EXPECT_EQ(store.get("district")->sealed_secret, "bmV3");

  const auto all = store.list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].scope, "10");
  EXPECT_EQ(all[1].scope, "district");

  store.remove("district");
  EXPECT_FALSE(store.get("district").has_value());
  EXPECT_EQ(store.list().size(), 1u);
  store.remove("never-there");  // removing nothing is fine
  EXPECT_EQ(store.list().size(), 1u);
}

TYPED_TEST(odbc_ports_test, a_scope_too_long_for_the_table_is_an_argument_error) {
  try {
    this->ports_.credentials->put({std::string(65, 's'), "u", "s", core::day_point{}, at_ms(0)});
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::invalid_argument);
  }
}

TYPED_TEST(odbc_ports_test, link_cache_serves_an_entry_only_until_it_expires) {
  auto &cache = *this->ports_.link_cache;
  cache.put("2000000001|district@1", R"({"reports":[]})", at_ms(10'000), at_ms(1'000));
  EXPECT_EQ(cache.get("2000000001|district@1", at_ms(9'999)), R"({"reports":[]})");
  EXPECT_FALSE(cache.get("2000000001|district@1", at_ms(10'000)).has_value());
  EXPECT_FALSE(cache.get("2000000002|district@1", at_ms(1'000)).has_value());
  cache.put("2000000001|district@1", "second", at_ms(20'000), at_ms(2'000));
  EXPECT_EQ(cache.get("2000000001|district@1", at_ms(15'000)), "second");
}

TYPED_TEST(odbc_ports_test, link_cache_put_removes_expired_rows) {
  auto &cache = *this->ports_.link_cache;
  for (int i = 0; i < 20; ++i) {
    cache.put("old-" + std::to_string(i), "x", at_ms(5'000 + i), at_ms(1'000));
  }
  cache.put("live", "y", at_ms(100'000), at_ms(1'000));
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM ssrlink_link_cache"), 21);
  // At t = 50 s every "old-" entry has expired; the next put clears them all.
  cache.put("new", "z", at_ms(200'000), at_ms(50'000));
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM ssrlink_link_cache"), 2);
  EXPECT_EQ(cache.get("live", at_ms(50'000)), "y");
}

TYPED_TEST(odbc_ports_test, audit_rows_hold_every_field) {
  core::audit_entry entry;
  entry.at = at_ms(1795475266123);
  entry.role = "parent";
  entry.user_id = "p-77";
  entry.student_id = 1003;
  entry.page = "test_scores";
  entry.outcome = "reports";
  entry.offered = R"([{"test":"SB","year":"2024-25","language":"ENG","format":"PDF"}])";
  entry.reason = "allowed";
  entry.contact_sequence = 2;
  entry.call_key = "0123456789abcdef0123456789abcdef";
  this->ports_.audit->record(entry);
  connection_pool &pool = *this->ports_.pool;
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_audit"), 1);
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_audit WHERE action = 'reports' AND reason = "
                   "'allowed' AND contact_sequence = 2 AND call_key = "
                   "'0123456789abcdef0123456789abcdef'"),
            1);
  EXPECT_EQ(scalar(pool, "SELECT at FROM ssrlink_audit"), 1795475266123);
  EXPECT_EQ(scalar(pool, "SELECT student_id FROM ssrlink_audit"), 1003);
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_audit WHERE role = 'parent' AND user_id = "
                   "'p-77' AND page = 'test_scores' AND outcome = 'reports' AND offered LIKE "
                   "'[{\"test\":\"SB\"%'"),
            1);
}

TYPED_TEST(odbc_ports_test, hostile_values_are_stored_as_data_never_as_sql) {
  const std::vector<std::string> hostile = {
      "O'Brien",
      "'; DROP TABLE ssrlink_credentials; --",
      "\"; DELETE FROM ssrlink_link_cache; --",
      "Robert'); DROP TABLE STU;--",
      "? ? ?",
      "\\' OR 1=1 --",
      "Zoë Nguyễn 中文 한국어 🎓",
  };
  auto &store = *this->ports_.credentials;
  auto &cache = *this->ports_.link_cache;
  int n = 0;
  for (const std::string &value : hostile) {
    const std::string scope = value.substr(0, 64);
    store.put({scope, value, value, core::day_point{std::chrono::days{20000}}, at_ms(n)});
    const auto back = store.get(scope);
    ASSERT_TRUE(back.has_value()) << value;
    EXPECT_EQ(back->username, value);
    EXPECT_EQ(back->sealed_secret, value);
    cache.put(value, value, at_ms(1'000'000), at_ms(0));
    EXPECT_EQ(cache.get(value, at_ms(1)), value);
    core::audit_entry entry;
    entry.at = at_ms(n);
    entry.action = entry.role = entry.user_id = entry.page = entry.outcome = entry.reason = value;
    entry.student_id = 1003;
    entry.offered = value;
    this->ports_.audit->record(entry);
    ++n;
  }
  // A megabyte of text in every text parameter that can hold it.
  std::string big;
  while (big.size() < std::size_t{1024} * 1024) {
    big += "é'\";--中";
  }
  store.put({"district", big.substr(0, 200), big, core::day_point{}, at_ms(0)});
  EXPECT_EQ(store.get("district")->sealed_secret, big);
  cache.put("big", big, at_ms(1'000'000), at_ms(0));
  EXPECT_EQ(cache.get("big", at_ms(1)), big);
  core::audit_entry huge;
  huge.at = at_ms(0);
  huge.action = huge.role = huge.user_id = huge.page = huge.outcome = huge.reason = big;
  huge.student_id = 1003;
  huge.offered = big;
  this->ports_.audit->record(huge);

  connection_pool &pool = *this->ports_.pool;
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_credentials"),
            static_cast<std::int64_t>(hostile.size()) + 1);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_audit"),
            static_cast<std::int64_t>(hostile.size()) + 1);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_student"), 33);
  // The megabyte host user id was clipped to the column's 128 bytes on a character boundary.
  std::string clipped;
  pool.run({"read the audit", {}}, [&](connection &c) {
    statement &s = c.prepare(
        "SELECT user_id FROM ssrlink_audit WHERE student_id = 1003 "
        "ORDER BY id DESC");
    s.execute({});
    ASSERT_TRUE(s.fetch());
    clipped = s.text(1).value_or("");
    s.close();
  });
  EXPECT_LE(clipped.size(), 128u);
  EXPECT_GT(clipped.size(), 120u);
  EXPECT_EQ(clipped, big.substr(0, clipped.size()));
}

TYPED_TEST(odbc_ports_test, invalid_utf8_is_stored_exactly_or_refused_clearly) {
  const std::string invalid = "bad \xff\xfe \xc3( end";
  auto &store = *this->ports_.credentials;
  try {
    store.put({"district", invalid, "s", core::day_point{}, at_ms(0)});
    EXPECT_EQ(store.get("district")->username, invalid);
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_THAT(e.what(), HasSubstr("could not save the ETS credentials"));
    EXPECT_THAT(e.what(), HasSubstr("SQLSTATE"));
  }
  // Whatever happened, the store still works.
  store.put({"district", "fine", "s", core::day_point{}, at_ms(0)});
  EXPECT_EQ(store.get("district")->username, "fine");
}

TYPED_TEST(odbc_ports_test, a_missing_view_is_named_with_the_script_to_run) {
  connection_pool &pool = *this->ports_.pool;
  pool.run({"drop a view", {}}, [](connection &c) {
    statement &s = c.prepare("DROP VIEW ssrlink_contact");
    s.execute({});
  });
  try {
    this->ports_.students->find_student({1003, 2});
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_THAT(e.what(), HasSubstr("The database has no view ssrlink_contact"));
    EXPECT_THAT(e.what(), HasSubstr(std::string("sql/") + TypeParam::name + "/install.sql"));
    EXPECT_THAT(e.what(), HasSubstr("docs/dba-guide.md"));
  }
}

TYPED_TEST(odbc_ports_test, a_missing_table_is_named) {
  connection_pool &pool = *this->ports_.pool;
  pool.run({"drop a table", {}}, [](connection &c) {
    statement &s = c.prepare("DROP TABLE ssrlink_link_cache");
    s.execute({});
  });
  try {
    this->ports_.link_cache->get("k", at_ms(0));
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_THAT(e.what(), HasSubstr("The database has no table ssrlink_link_cache"));
  }
}

TYPED_TEST(odbc_ports_test, an_unreachable_database_fails_each_call_clearly) {
  recording_logger log;
  // Opening never touches the database.
  odbc_ports down = make_odbc_ports(TypeParam::unreachable(), 2, log);
  EXPECT_EQ(down.pool->connections_opened(), 0u);
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 2; ++i) {
    try {
      down.students->find_student({1003, {}});
      FAIL() << "expected failure";
    } catch (const core::failure &e) {
      EXPECT_EQ(e.code(), core::status::database);
      EXPECT_THAT(e.what(), HasSubstr("Cannot connect to the database"));
      EXPECT_THAT(e.what(), HasSubstr("SQLSTATE"));
      EXPECT_THAT(e.what(), Not(HasSubstr("Pwd")));
      EXPECT_THAT(e.detail(), Not(HasSubstr("Pwd=x")));
    }
  }
  // Each attempt is bounded by the login timeout (5 s); refused connections fail far sooner.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15));
}

TYPED_TEST(odbc_ports_test, an_exhausted_pool_fails_after_the_wait) {
  recording_logger log;
  pool_options options;
  options.size = 1;
  options.acquire_timeout = std::chrono::milliseconds(200);
  odbc_ports one = make_odbc_ports(this->connection_string_, options, log);
  auto held = one.pool->acquire();
  const auto started = std::chrono::steady_clock::now();
  try {
    one.students->find_student({1003, {}});
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_THAT(e.what(), HasSubstr("All 1 database connections are busy"));
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(200));
  EXPECT_LT(waited, std::chrono::milliseconds(600));  // 3x the wait
}

TYPED_TEST(odbc_ports_test, many_threads_share_a_pool_of_four) {
  constexpr int threads = 16;
  constexpr int calls = 200;
  std::atomic<int> failures{0};
  std::atomic<int> audited{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < calls; ++i) {
        try {
          const std::int64_t id = 1001 + (t * calls + i) % 30;
          const auto found = this->ports_.students->find_student({id, 1});
          if (!found || found->student_id != id || !found->contact) {
            ++failures;
          }
          if (i % 20 == 0) {
            // Appended, not "k" + std::to_string(t): GCC 12 -O3 -Wrestrict false positive.
            const std::string key = std::string("k").append(std::to_string(t));
            this->ports_.link_cache->put(key, std::to_string(i), at_ms(1'000'000), at_ms(i));
            if (this->ports_.link_cache->get(key, at_ms(i)) != std::to_string(i)) {
              ++failures;
            }
            core::audit_entry entry;
            entry.at = at_ms(i);
            entry.role = "staff";
            entry.user_id = std::string("u").append(std::to_string(t));
            entry.student_id = id;
            entry.page = "test_scores";
            entry.outcome = "reports";
            entry.offered = "[]";
            this->ports_.audit->record(entry);
            ++audited;
          }
        } catch (const std::exception &) {
          ++failures;
        }
      }
    });
  }
  for (auto &w : workers) {
    w.join();
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(this->ports_.pool->connections_opened(), 4u);
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM ssrlink_audit"), audited.load());
}

TYPED_TEST(odbc_ports_test, install_records_each_schema_version_once) {
  connection_pool &pool = *this->ports_.pool;
  // install.sql ran twice on this database: still one row per version, now at version 6.
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_schema_version"), 6);
  EXPECT_EQ(scalar(pool, "SELECT MAX(version) FROM ssrlink_schema_version"), 6);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 0);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(notice) FROM ssrlink_report_log"), 0);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_school"), 4);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_contact WHERE student_id = 1001"), 2);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_contact WHERE student_id = 1002"), 1);
  // The dialect was detected from the connection.
  pool.run({"check the dialect", {}}, [](connection &c) {
    EXPECT_EQ(dialect_folder(c.sql_dialect()), TypeParam::name) << c.dbms_name();
  });
}

// ---- ETS tokens shared across processes (schema version 4) ----------------------------------

TYPED_TEST(odbc_ports_test, an_ets_token_row_is_served_only_until_it_expires) {
  auto &tokens = *this->ports_.ets_tokens;
  EXPECT_FALSE(tokens.get("district:1000", at_ms(0)).has_value());
  tokens.put("district:1000", "ssrseal1:sealed-A", at_ms(10'000), at_ms(1'000));
  const auto row = tokens.get("district:1000", at_ms(9'999));
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->sealed_token, "ssrseal1:sealed-A");
  EXPECT_EQ(row->expires_at, at_ms(10'000));
  EXPECT_FALSE(tokens.get("district:1000", at_ms(10'000)).has_value());
  EXPECT_FALSE(tokens.get("7:1000", at_ms(1'000)).has_value());
  // The upsert replaces the set's row: one row per set, the last writer's.
  tokens.put("district:1000", "ssrseal1:sealed-B", at_ms(20'000), at_ms(2'000));
  EXPECT_EQ(tokens.get("district:1000", at_ms(15'000))->sealed_token, "ssrseal1:sealed-B");
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 1);
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT MAX(updated_at) FROM ssrlink_ets_token"), 2'000);
}

TYPED_TEST(odbc_ports_test, an_ets_token_put_deletes_expired_rows) {
  auto &tokens = *this->ports_.ets_tokens;
  for (int i = 0; i < 5; ++i) {
    tokens.put("old:" + std::to_string(i), "s", at_ms(5'000 + i), at_ms(1'000));
  }
  tokens.put("live:1", "s", at_ms(100'000), at_ms(1'000));
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 6);
  tokens.put("new:1", "s", at_ms(200'000), at_ms(50'000));
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 2);
  EXPECT_TRUE(tokens.get("live:1", at_ms(50'000)).has_value());
}

TYPED_TEST(odbc_ports_test, an_ets_token_is_dropped_only_while_it_is_still_the_one_refused) {
  auto &tokens = *this->ports_.ets_tokens;
  tokens.put("district:1000", "ssrseal1:refused", at_ms(10'000), at_ms(0));
  tokens.put("district:1000", "ssrseal1:newer", at_ms(10'000), at_ms(0));  // another process
  tokens.drop("district:1000", "ssrseal1:refused");
  EXPECT_EQ(tokens.get("district:1000", at_ms(0))->sealed_token, "ssrseal1:newer");
  tokens.drop("district:1000", "ssrseal1:newer");
  EXPECT_FALSE(tokens.get("district:1000", at_ms(0)).has_value());
  tokens.drop("district:1000", "ssrseal1:newer");  // nothing left: no error
}

TYPED_TEST(odbc_ports_test, an_ets_token_set_id_is_bounded_and_bound_as_data) {
  auto &tokens = *this->ports_.ets_tokens;
  for (const std::string &bad : {std::string(), std::string(129, 'a')}) {
    try {
      tokens.put(bad, "s", at_ms(10'000), at_ms(0));
      FAIL() << "accepted a set id of " << bad.size() << " bytes";
    } catch (const core::failure &e) {
      EXPECT_EQ(e.code(), core::status::invalid_argument);
    }
  }
  const std::string hostile = "x'; DROP TABLE ssrlink_ets_token; --";
  tokens.put(hostile, "s'--", at_ms(10'000), at_ms(0));
  EXPECT_EQ(tokens.get(hostile, at_ms(0))->sealed_token, "s'--");
  tokens.put(std::string(128, 'b'), std::string(20'000, 'c'), at_ms(10'000), at_ms(0));
  EXPECT_EQ(tokens.get(std::string(128, 'b'), at_ms(0))->sealed_token.size(), 20'000U);
}

TYPED_TEST(odbc_ports_test, a_database_before_version_4_names_the_ets_token_migration) {
  this->exec("DROP TABLE ssrlink_ets_token");
  for (int call = 0; call < 2; ++call) {
    try {
      if (call == 0) {
        this->ports_.ets_tokens->get("district:1000", at_ms(0));
      } else {
        this->ports_.ets_tokens->put("district:1000", "s", at_ms(10'000), at_ms(0));
      }
      FAIL() << "expected failure";
    } catch (const core::failure &e) {
      EXPECT_EQ(e.code(), core::status::database);
      EXPECT_THAT(e.what(), HasSubstr("The database has no table ssrlink_ets_token"));
      EXPECT_THAT(e.what(), HasSubstr(std::string("sql/") + TypeParam::name +
                                      "/migrations/0004_ets_token.sql"));
    }
  }
}

// ---- Viewers bound to the data (schema version 3) -----------------------------------------

TYPED_TEST(odbc_ports_test, the_binding_reads_portal_links_and_rights_but_no_flag) {
  // 1004 (Do Not Release): contact 1 guardian with rights, contact 2 relative without. The same
  // account is linked to both contacts and to 1005's guardian: one account, several children.
  this->exec("UPDATE CON SET PU = 'acct-tran' WHERE PID = 1004");
  this->exec("UPDATE CON SET PU = 'acct-tran' WHERE PID = 1005 AND SQ = 1");
  this->exec("UPDATE STU SET PU = 'student-1004' WHERE ID = 1004");
  auto &students = *this->ports_.students;
  const auto parent =
      students.find_binding({1004, core::binding_kind::parent_account, "acct-tran"});
  ASSERT_TRUE(parent);
  EXPECT_EQ(parent->student_id, 1004);
  EXPECT_EQ(parent->school_code, "1");
  ASSERT_EQ(parent->linked_contacts.size(), 2U);
  EXPECT_EQ(parent->linked_contacts[0].sequence, 1);
  EXPECT_TRUE(parent->linked_contacts[0].educational_rights);
  EXPECT_EQ(parent->linked_contacts[1].sequence, 2);
  EXPECT_FALSE(parent->linked_contacts[1].educational_rights);
  EXPECT_EQ(students.find_binding({1005, core::binding_kind::parent_account, "acct-tran"})
                ->linked_contacts.size(),
            1U);
  // Another account, and an account that differs only in case or by a trailing space: unlinked.
  for (const std::string account : {"acct-other", "ACCT-TRAN", "acct-tran "}) {
    const auto other = students.find_binding({1004, core::binding_kind::parent_account, account});
    ASSERT_TRUE(other) << account;
    EXPECT_TRUE(other->linked_contacts.empty()) << account;
  }
  EXPECT_EQ(students.find_binding({1004, core::binding_kind::student_account, ""})->portal_user,
            "student-1004");
  EXPECT_FALSE(students.find_binding({4242, core::binding_kind::school, ""}));
  EXPECT_FALSE(students.find_binding({1034, core::binding_kind::school, ""}));  // deleted
}

TYPED_TEST(odbc_ports_test, a_deleted_contact_binds_nobody) {
  this->exec("UPDATE CON SET PU = 'acct-nguyen' WHERE PID = 1002");
  this->exec("UPDATE CON SET DEL = 'Y' WHERE PID = 1002 AND SQ = 1");
  const auto binding = this->ports_.students->find_binding(
      {1002, core::binding_kind::parent_account, "acct-nguyen"});
  ASSERT_TRUE(binding);
  for (const auto &contact : binding->linked_contacts) {
    EXPECT_NE(contact.sequence, 1);
  }
}

TYPED_TEST(odbc_ports_test, a_missing_portal_link_view_names_the_migration) {
  this->exec("DROP VIEW ssrlink_portal_link");
  try {
    this->ports_.students->find_binding({1003, core::binding_kind::parent_account, "p"});
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_THAT(e.what(), HasSubstr("The database has no view ssrlink_portal_link"));
    EXPECT_THAT(e.what(),
                HasSubstr(std::string("sql/") + TypeParam::name + "/migrations/0003_viewers.sql"));
  }
  // Staff and teachers do not need the view.
  EXPECT_TRUE(this->ports_.students->find_binding({1003, core::binding_kind::school, ""}));
}

TYPED_TEST(odbc_ports_test, a_student_view_without_portal_user_names_the_column_and_migration) {
  // A DBA's mapping from before version 3: every column but portal_user.
  this->exec("DROP VIEW ssrlink_student");
  this->exec(
      "CREATE VIEW ssrlink_student AS SELECT s.ID AS student_id, CAST(s.SC AS VARCHAR(10)) AS "
      "school_code, COALESCE(s.CID, '') AS ssid, s.CL AS correspondence_language, s.GR AS "
      "grade, 0 AS do_not_release, 0 AS hide_contact, s.TG AS tag, s.LD AS leave_date FROM STU s");
  try {
    this->ports_.students->find_binding({1003, core::binding_kind::student_account, ""});
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_THAT(e.what(), HasSubstr("ssrlink_student has no column portal_user"));
    EXPECT_THAT(e.what(), HasSubstr("0003_viewers.sql"));
  }
  EXPECT_TRUE(this->ports_.students->find_binding({1003, core::binding_kind::school, ""}));
}

TYPED_TEST(odbc_ports_test, an_audit_row_is_written_once_per_call_key) {
  // What the pool does after a dropped connection: the same insert again. One row stays.
  core::audit_entry entry;
  entry.at = at_ms(1);
  entry.role = "admin";
  entry.user_id = "a-1";
  entry.outcome = "ok";
  entry.offered = "[]";
  entry.call_key = "feedfacefeedfacefeedfacefeedface";
  this->ports_.audit->record(entry);
  this->ports_.audit->record(entry);
  entry.call_key = "another-call";
  this->ports_.audit->record(entry);
  entry.call_key.clear();  // no key: still one row per record(), never merged with another
  this->ports_.audit->record(entry);
  this->ports_.audit->record(entry);
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM ssrlink_audit"), 4);
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(DISTINCT call_key) FROM ssrlink_audit"), 4);
}

}  // namespace
}  // namespace ssrlink::odbc::testing
