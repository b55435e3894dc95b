// The sweep's stores that the report page and the staff list meet, on both real databases:
// the report page's "offered" stamp (odbc_offered_reports) and the staff list reading it back
// (odbc_report_log::list), which also proves instants round-trip as Unix milliseconds through
// both drivers, NULL included; the list's names and the Manager's order (core::log_order),
// paged, and a view mapped before the names (schema version 6).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backends.hpp"
#include "core/error.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_stores.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

// "1003 SB:2025-26 Carmen Lopez": one row of the staff list as the tests compare it.
std::vector<std::string> shown(const std::vector<core::log_entry> &entries) {
  std::vector<std::string> out;
  for (const core::log_entry &e : entries) {
    out.push_back(std::to_string(e.student_id) + " " + e.report_key + " " + e.first_name + " " +
                  e.last_name);
  }
  return out;
}

template <class Backend>
class sweep_stores_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ports_ = make_odbc_ports(Backend::fresh_database(), 2, log_);
    stores_ = make_odbc_sweep_stores(*ports_.pool);
    // Two reports of student 1003 and one of 1004, found at t = 1000 ms, none viewed yet.
    exec(
        "INSERT INTO ssrlink_report_log (student_id, ssid, report_key, test, year, status, "
        "found_at, emailed_at, viewed_at, notice) VALUES "
        "(1003, '2000000003', 'SB:2025-26', 'SB', '2025-26', 'Final', 1000, 2000, NULL, "
        "'queued'), "
        "(1003, '2000000003', 'ELPAC:2025-26', 'ELPAC', '2025-26', 'Final', 1000, NULL, NULL, "
        "'no_email'), "
        "(1004, '2000000004', 'SB:2025-26', 'SB', '2025-26', 'Final', 1000, NULL, NULL, NULL)");
  }

  void exec(const std::string &sql) {
    ports_.pool->run({"prepare the test", {}}, [&](connection &c) { c.prepare(sql).execute({}); });
  }

  // Seven more rows beside the fixture's three, so every key of the Manager's order decides
  // somewhere (demo-data.sql's names; 9999 is in the log but not in ssrlink_student):
  //   not viewed, never emailed: 1022 SB found 500; at 1000: 9999 (no name), Ana Garcia's CAST
  //     and SB, Victor Garcia's ELPAC, Carmen Lopez's ELPAC, Duc Tran's SB (last name before
  //     student_id: Garcia 1022 before Lopez 1003);
  //   not viewed, emailed: 1010 emailed 1500 (found 1200) before 1003 SB emailed 2000 (found
  //     1000): the date emailed decides before the date found;
  //   viewed, never emailed: 1005 ELPAC; viewed, emailed: 1005 SB.
  void add_manager_rows() {
    exec(
        "INSERT INTO ssrlink_report_log (student_id, ssid, report_key, test, year, status, "
        "found_at, emailed_at, viewed_at, notice) VALUES "
        "(1022, '2000000022', 'SB:2025-26', 'SB', '2025-26', 'Final', 500, NULL, NULL, 'none'), "
        "(1022, '2000000022', 'ELPAC:2025-26', 'ELPAC', '2025-26', 'Final', 1000, NULL, NULL, "
        "'none'), "
        "(1001, '2000000001', 'SB:2025-26', 'SB', '2025-26', 'Final', 1000, NULL, NULL, 'none'), "
        "(1001, '2000000001', 'CAST:2025-26', 'CAST', '2025-26', 'Final', 1000, NULL, NULL, "
        "'none'), "
        "(1010, '2000000010', 'SB:2025-26', 'SB', '2025-26', 'Final', 1200, 1500, NULL, "
        "'queued'), "
        "(1005, '2000000005', 'SB:2025-26', 'SB', '2025-26', 'Final', 100, 100, 3000, 'queued'), "
        "(1005, '2000000005', 'ELPAC:2025-26', 'ELPAC', '2025-26', 'Final', 100, NULL, 3000, "
        "'none'), "
        "(9999, '2000009999', 'SB:2025-26', 'SB', '2025-26', 'Final', 1000, NULL, NULL, 'none')");
  }

  // ssrlink_student as a DBA mapped it at version 5: every column but the names.
  void map_students_without_names() {
    exec("DROP VIEW ssrlink_student");
    exec(
        "CREATE VIEW ssrlink_student AS SELECT s.ID AS student_id, CAST(s.SC AS VARCHAR(10)) AS "
        "school_code, COALESCE(s.CID, '') AS ssid, s.CL AS correspondence_language, s.GR AS "
        "grade, CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END AS do_not_release, CASE WHEN s.HCI = "
        "'Y' THEN 1 ELSE 0 END AS hide_contact, s.TG AS tag, s.LD AS leave_date, COALESCE(s.PU, "
        "'') AS portal_user FROM STU s WHERE COALESCE(s.DEL, '') <> 'Y'");
  }

  // Every page of `filter` with `limit` rows, read one after the other.
  std::vector<std::string> paged(core::log_filter filter, std::int64_t limit) {
    std::vector<std::string> all;
    filter.limit = limit;
    for (filter.offset = 0;; filter.offset += limit) {
      const std::vector<std::string> page = shown(stores_.log->list(filter));
      EXPECT_LE(page.size(), static_cast<std::size_t>(limit));
      all.insert(all.end(), page.begin(), page.end());
      if (page.size() < static_cast<std::size_t>(limit)) {
        return all;
      }
    }
  }

  std::int64_t viewed_at(std::int64_t student_id, const std::string &key) {
    return scalar(*ports_.pool,
                  "SELECT COALESCE(viewed_at, -2) FROM ssrlink_report_log WHERE student_id = " +
                      std::to_string(student_id) + " AND report_key = '" + key + "'");
  }

  recording_logger log_;
  odbc_ports ports_;
  odbc_sweep_stores stores_;
};

TYPED_TEST_SUITE(sweep_stores_test, backends, backend_names);

TYPED_TEST(sweep_stores_test, offering_reports_stamps_them_viewed_once) {
  core::offered_reports &offered = *this->stores_.offered;
  offered.record_offered(1003, 2, {"SB:2025-26"}, at_ms(1795000000123));
  EXPECT_EQ(this->viewed_at(1003, "SB:2025-26"), 1795000000123);
  EXPECT_EQ(this->viewed_at(1003, "ELPAC:2025-26"), -2);  // not offered
  EXPECT_EQ(this->viewed_at(1004, "SB:2025-26"), -2);     // same key, another student

  // A later view by any guardian keeps the first one: staff measure follow-ups from it.
  offered.record_offered(1003, 1, {"SB:2025-26", "ELPAC:2025-26"}, at_ms(1795000099999));
  EXPECT_EQ(this->viewed_at(1003, "SB:2025-26"), 1795000000123);
  EXPECT_EQ(this->viewed_at(1003, "ELPAC:2025-26"), 1795000099999);
}

TYPED_TEST(sweep_stores_test, offering_a_report_not_in_the_log_changes_nothing) {
  this->stores_.offered->record_offered(1003, 1, {"CAST:2025-26", "x' OR '1'='1"}, at_ms(5));
  this->stores_.offered->record_offered(9999, 1, {"SB:2025-26"}, at_ms(5));
  EXPECT_EQ(scalar(*this->ports_.pool,
                   "SELECT COUNT(*) FROM ssrlink_report_log WHERE viewed_at IS NOT NULL"),
            0);
}

TYPED_TEST(sweep_stores_test, the_staff_list_reads_back_instants_and_notice_states) {
  this->stores_.offered->record_offered(1003, 2, {"SB:2025-26"}, at_ms(1795000000123));
  core::log_filter filter;
  const std::vector<core::log_entry> all = this->stores_.log->list(filter);
  ASSERT_EQ(all.size(), 3u);
  // Ordered by student, then report key.
  EXPECT_EQ(all[0].report_key, "ELPAC:2025-26");
  EXPECT_EQ(all[0].notice, core::notice_state::no_email);
  EXPECT_FALSE(all[0].emailed_at.has_value());
  EXPECT_FALSE(all[0].viewed_at.has_value());
  EXPECT_EQ(all[1].report_key, "SB:2025-26");
  EXPECT_EQ(all[1].found_at, at_ms(1000));
  EXPECT_EQ(all[1].emailed_at, at_ms(2000));
  EXPECT_EQ(all[1].viewed_at, at_ms(1795000000123));
  EXPECT_EQ(all[1].notice, core::notice_state::queued);
  EXPECT_EQ(all[2].student_id, 1004);
  EXPECT_EQ(all[2].notice, core::notice_state::none);  // NULL: written before notice states

  filter.not_viewed = true;
  const std::vector<core::log_entry> not_viewed = this->stores_.log->list(filter);
  ASSERT_EQ(not_viewed.size(), 2u);
  EXPECT_EQ(not_viewed[0].report_key, "ELPAC:2025-26");
  EXPECT_EQ(not_viewed[1].student_id, 1004);
}

// ---- Names and the Manager's order (schema version 6) ----------------------------------------

TYPED_TEST(sweep_stores_test, the_student_order_is_unchanged_and_carries_the_names) {
  this->add_manager_rows();
  core::log_filter filter;
  EXPECT_THAT(shown(this->stores_.log->list(filter)),
              ElementsAre("1001 CAST:2025-26 Ana Garcia", "1001 SB:2025-26 Ana Garcia",
                          "1003 ELPAC:2025-26 Carmen Lopez", "1003 SB:2025-26 Carmen Lopez",
                          "1004 SB:2025-26 Duc Tran", "1005 ELPAC:2025-26 Elena Martinez",
                          "1005 SB:2025-26 Elena Martinez", "1010 SB:2025-26 Jia Li",
                          "1022 ELPAC:2025-26 Victor Garcia", "1022 SB:2025-26 Victor Garcia",
                          "9999 SB:2025-26  "));
}

TYPED_TEST(sweep_stores_test, the_manager_order_puts_what_to_follow_up_first) {
  this->add_manager_rows();
  core::log_filter filter;
  filter.order = core::log_order::manager;
  const std::vector<core::log_entry> entries = this->stores_.log->list(filter);
  EXPECT_THAT(shown(entries),
              ElementsAre("1022 SB:2025-26 Victor Garcia", "9999 SB:2025-26  ",
                          "1001 CAST:2025-26 Ana Garcia", "1001 SB:2025-26 Ana Garcia",
                          "1022 ELPAC:2025-26 Victor Garcia", "1003 ELPAC:2025-26 Carmen Lopez",
                          "1004 SB:2025-26 Duc Tran", "1010 SB:2025-26 Jia Li",
                          "1003 SB:2025-26 Carmen Lopez", "1005 ELPAC:2025-26 Elena Martinez",
                          "1005 SB:2025-26 Elena Martinez"));
  // The rows are read whole in this order too.
  ASSERT_EQ(entries.size(), 11u);
  EXPECT_EQ(entries[7].emailed_at, at_ms(1500));
  EXPECT_EQ(entries[7].found_at, at_ms(1200));
  EXPECT_EQ(entries[7].school_code, "2");
  EXPECT_EQ(entries[7].notice, core::notice_state::queued);
  EXPECT_EQ(entries[10].viewed_at, at_ms(3000));
  EXPECT_EQ(entries[1].school_code, "");  // 9999: not in ssrlink_student
}

TYPED_TEST(sweep_stores_test, pages_of_the_manager_order_neither_repeat_nor_skip) {
  this->add_manager_rows();
  // Ties on every key but the last: a third report of Ana Garcia's at the same instant.
  this->exec(
      "INSERT INTO ssrlink_report_log (student_id, ssid, report_key, test, year, status, "
      "found_at, emailed_at, viewed_at, notice) VALUES "
      "(1001, '2000000001', 'ELPAC:2025-26', 'ELPAC', '2025-26', 'Final', 1000, NULL, NULL, "
      "'none')");
  for (const core::log_order order : {core::log_order::manager, core::log_order::student}) {
    core::log_filter filter;
    filter.order = order;
    filter.limit = 1000;
    const std::vector<std::string> whole = shown(this->stores_.log->list(filter));
    ASSERT_EQ(whole.size(), 12u);
    for (const std::int64_t limit : {1, 2, 3, 5, 12, 13}) {
      EXPECT_THAT(this->paged(filter, limit), ElementsAreArray(whole)) << "limit " << limit;
    }
    // With filters: the same order, fewer rows, still paged whole.
    filter.not_viewed = true;
    filter.school = "1";
    const std::vector<std::string> filtered = shown(this->stores_.log->list(filter));
    EXPECT_EQ(filtered.size(), 6u);
    EXPECT_THAT(this->paged(filter, 2), ElementsAreArray(filtered));
  }
}

TYPED_TEST(sweep_stores_test, a_view_without_names_keeps_the_student_order_and_fails_the_manager) {
  core::log_filter filter;
  const std::vector<std::string> before = shown(this->stores_.log->list(filter));
  EXPECT_THAT(before, ElementsAre("1003 ELPAC:2025-26 Carmen Lopez", "1003 SB:2025-26 Carmen Lopez",
                                  "1004 SB:2025-26 Duc Tran"));
  this->map_students_without_names();
  // The list as it was before the names came: the same rows, names empty, filters working.
  EXPECT_THAT(shown(this->stores_.log->list(filter)),
              ElementsAre("1003 ELPAC:2025-26  ", "1003 SB:2025-26  ", "1004 SB:2025-26  "));
  filter.school = "1";
  filter.not_viewed = true;
  filter.limit = 2;
  filter.offset = 1;
  EXPECT_THAT(shown(this->stores_.log->list(filter)),
              ElementsAre("1003 SB:2025-26  ", "1004 SB:2025-26  "));
  // The Manager's order sorts by the names: it says what is missing and what to run.
  filter.order = core::log_order::manager;
  try {
    this->stores_.log->list(filter);
    FAIL() << "the Manager's order ran on a view without first_name";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_EQ(std::string(e.what()),
              std::string("The view ssrlink_student has no column first_name; run sql/") +
                  TypeParam::name +
                  "/migrations/0006_student_names.sql, or add the column to your mapping "
                  "(docs/dba-guide.md).");
  }
  // The failure leaves the pool usable.
  filter.order = core::log_order::student;
  EXPECT_EQ(this->stores_.log->list(filter).size(), 2u);
}

}  // namespace
}  // namespace ssrlink::odbc::testing
