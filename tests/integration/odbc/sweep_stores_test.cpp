// The sweep's stores that the report page and the staff list meet, on both real databases:
// the report page's "offered" stamp (odbc_offered_reports) and the staff list reading it back
// (odbc_report_log::list), which also proves instants round-trip as Unix milliseconds through
// both drivers, NULL included.
#include <gtest/gtest.h>

#include "backends.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_stores.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

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

}  // namespace
}  // namespace ssrlink::odbc::testing
