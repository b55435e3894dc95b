// Rule 4 of the report page: after the audit row, a parent's page that shows reports records
// them as offered (one key per report, for the contact the data bound the parent to, at the
// clock's time); staff and teacher pages and pages without reports record nothing; a failing
// record is logged and the parent still gets the page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service_fixture.hpp"

namespace ssrlink::test {
namespace {

const std::string parent =
    R"({"role": "parent", "user_id": "p-1", "permitted": true, "contact_sequence": 1})";

TEST(offered_reports, a_parents_page_records_one_key_per_report) {
  service_fixture fx;
  // Contact 2 is the one with educational rights: the data, not the request, names it.
  fx.directory.contacts[1001][0].educational_rights = false;
  contact_facts guardian;
  guardian.sequence = 2;
  guardian.educational_rights = true;
  fx.directory.contacts[1001].push_back(guardian);
  fx.directory.portal_links.insert({"p-1", {1001, 2}});
  const auto result =
      fx.run(request_as(R"({"role": "parent", "user_id": "p-1", "permitted": true})"));
  ASSERT_EQ(str(result.at("outcome")), "reports");
  ASSERT_EQ(result.at("reports").as_array().size(), 3U);

  const auto calls = fx.offered.calls();
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].student_id, 1001);
  EXPECT_EQ(calls[0].contact_sequence, 2);
  // The English and Spanish PDF of one result are one report: two keys for three links, in
  // page order.
  EXPECT_EQ(calls[0].report_keys, (std::vector<std::string>{"SB:2018-19", "ELPAC:2018-19"}));
  EXPECT_EQ(calls[0].now, fx.clock.now());
  EXPECT_EQ(fx.audit.entries().at(0).contact_sequence, 2);
}

TEST(offered_reports, staff_teacher_and_student_pages_record_nothing) {
  for (const std::string viewer :
       {R"({"role": "staff", "user_id": "s-9", "permitted": true})",
        R"({"role": "admin", "user_id": "a-1"})",
        R"({"role": "teacher", "user_id": "t-1", "permitted": true, "school_codes": ["100"]})",
        R"({"role": "student", "user_id": "s-1", "permitted": true, "student_id": 1001})"}) {
    service_fixture fx;
    const auto result = fx.run(request_as(viewer));
    EXPECT_EQ(str(result.at("outcome")), "reports") << viewer;
    EXPECT_TRUE(fx.offered.calls().empty()) << viewer;
  }
}

TEST(offered_reports, a_parents_page_without_reports_records_nothing) {
  service_fixture fx;
  fx.ets.answer_every_ssid(ets_failed(ets_error::no_test_data));
  EXPECT_EQ(str(fx.run(request_as(parent)).at("outcome")), "no_reports");
  fx.directory.students[1001].do_not_release = true;
  EXPECT_EQ(str(fx.run(request_as(parent)).at("outcome")), "denied");
  EXPECT_TRUE(fx.offered.calls().empty());
}

TEST(offered_reports, a_failing_record_is_logged_not_shown) {
  service_fixture fx;
  fx.offered.fail_every_call();
  const auto result = fx.run(request_as(parent));
  EXPECT_EQ(str(result.at("outcome")), "reports");
  EXPECT_EQ(result.at("reports").as_array().size(), 3U);
  EXPECT_TRUE(result.at("message").is_null());
  const auto warnings = fx.log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 1U) << fx.log.joined();
  EXPECT_NE(warnings[0].find("Could not record that a parent was offered score reports"),
            std::string::npos);
  EXPECT_NE(warnings[0].find("ssrlink_report_log"), std::string::npos);
  ASSERT_EQ(fx.audit.entries().size(), 1U);  // the audit row was written before
  EXPECT_EQ(fx.audit.entries().at(0).outcome, "reports");
}

TEST(offered_reports, nothing_is_recorded_when_the_audit_row_fails) {
  service_fixture fx;
  fx.audit.fail_every_write();
  auto svc = fx.service();
  EXPECT_THROW(svc.handle(request_as(parent)), failure);
  EXPECT_TRUE(fx.offered.calls().empty());
}

}  // namespace
}  // namespace ssrlink::test
