// Who is told, and in which words, without a database: each rule of notice_plan.hpp in turn.
#include "core/sweep/notice_plan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sweep_fixture.hpp"

namespace ssrlink::testing {
namespace {

using namespace ssrlink::core;

detected_report newly_final(bool notify = true) {
  detected_report change;
  change.report = {"SB:2026-27", "SB", "2026-27", status_final};
  change.notify = notify;
  return change;
}

const std::string portal_path = "Test Scores > State Test Scores Reports";

TEST(NoticePlan, AReportThatDoesNotNotifyIsLoggedQuietly) {  // rule 1
  const report_write write = plan_notices(student(1, "1000000001"), newly_final(false),
                                          {contact(1, true, "ana@example.org")});
  EXPECT_EQ(write.notice, notice_state::none);
  EXPECT_TRUE(write.notices.empty());
  EXPECT_EQ(write.missing_email, 0u);
  EXPECT_EQ(write.change.report.key, "SB:2026-27");
}

TEST(NoticePlan, EveryGuardianWithRightsAndAnEmailIsToldInTheirLanguage) {  // rules 2, 4, 5
  const report_write write = plan_notices(
      student(1, "1000000001"), newly_final(),
      {contact(1, true, "ana@example.org", "01"), contact(2, false, "aunt@example.org"),
       contact(3, true, "dad@example.org", "02")});
  EXPECT_EQ(write.notice, notice_state::queued);
  EXPECT_EQ(write.missing_email, 0u);
  ASSERT_EQ(write.notices.size(), 2u);
  EXPECT_EQ(write.notices[0].contact_sequence, 1);
  EXPECT_EQ(write.notices[0].recipient, "ana@example.org");
  EXPECT_EQ(write.notices[0].language, "es");
  EXPECT_EQ(write.notices[0].report_key, "SB:2026-27");
  EXPECT_FALSE(write.notices[0].subject.empty());
  EXPECT_FALSE(write.notices[0].body_html.empty());
  EXPECT_EQ(write.notices[1].contact_sequence, 3);
  EXPECT_EQ(write.notices[1].language, "vi");
}

TEST(NoticePlan, GuardiansWithRightsButNoEmailMakeItPartial) {  // rules 3, 5
  const report_write write =
      plan_notices(student(1, "1000000001"), newly_final(),
                   {contact(1, true, "ana@example.org"), contact(2, true, ""),
                    contact(3, true, "not an address")});
  EXPECT_EQ(write.notice, notice_state::partial);
  EXPECT_EQ(write.notices.size(), 1u);
  EXPECT_EQ(write.missing_email, 2u);
}

TEST(NoticePlan, NoGuardianReachedIsNoEmail) {  // rule 5
  const report_write nobody_reachable =
      plan_notices(student(1, "1000000001"), newly_final(),
                   {contact(1, true, ""), contact(2, false, "aunt@example.org")});
  EXPECT_EQ(nobody_reachable.notice, notice_state::no_email);
  EXPECT_EQ(nobody_reachable.missing_email, 1u);
  const report_write nobody_on_file = plan_notices(student(1, "1000000001"), newly_final(), {});
  EXPECT_EQ(nobody_on_file.notice, notice_state::no_email);
  EXPECT_EQ(nobody_on_file.missing_email, 0u);
  EXPECT_TRUE(nobody_on_file.notices.empty());
}

TEST(NoticePlan, TheSchoolIsNamedAndNoticesCarryNoLink) {
  const report_write write = plan_notices(student(1, "1000000001", "7"), newly_final(),
                                          {contact(1, true, "ana@example.org")});
  ASSERT_EQ(write.notices.size(), 1u);
  EXPECT_NE(write.notices[0].body_text.find("School 7"), std::string::npos);
  EXPECT_EQ(write.notices[0].body_text.find("http"), std::string::npos);
}

// Rule 4: Do Not Release, or Hide Contact Info on the student or on this contact.
TEST(NoticeFor, ThePortalIsNamedOnlyWhenItWillShowTheReport) {
  const listed_report report = newly_final().report;
  const sweep_student plain = student(1, "1000000001");
  const contact_notice portal = notice_for(plain, report, contact(1, true, "ana@example.org"));
  ASSERT_EQ(portal.verdict, contact_verdict::notice);
  EXPECT_NE(portal.row.body_text.find(portal_path), std::string::npos);

  sweep_student dnr = plain;
  dnr.do_not_release = true;
  sweep_student hidden = plain;
  hidden.hide_contact = true;
  for (const contact_notice &notice :
       {notice_for(dnr, report, contact(1, true, "ana@example.org")),
        notice_for(hidden, report, contact(1, true, "ana@example.org")),
        notice_for(plain, report, contact(1, true, "ana@example.org", "00", true))}) {
    ASSERT_EQ(notice.verdict, contact_verdict::notice);
    EXPECT_EQ(notice.row.body_text.find(portal_path), std::string::npos);
    EXPECT_NE(notice.row.body_text.find("contact the school"), std::string::npos);
  }
}

TEST(NoticeFor, RightsAreCheckedBeforeTheEmail) {  // rules 2, 3 in order
  const listed_report report = newly_final().report;
  const sweep_student s = student(1, "1000000001");
  EXPECT_EQ(notice_for(s, report, contact(1, false, "")).verdict, contact_verdict::no_rights);
  EXPECT_EQ(notice_for(s, report, contact(1, false, "ana@example.org")).verdict,
            contact_verdict::no_rights);
  const contact_notice no_email = notice_for(s, report, contact(1, true, "ana@"));
  EXPECT_EQ(no_email.verdict, contact_verdict::no_usable_email);
  EXPECT_TRUE(no_email.row.recipient.empty());
  const contact_notice told = notice_for(s, report, contact(4, true, "ana@example.org"));
  EXPECT_EQ(told.verdict, contact_verdict::notice);
  EXPECT_EQ(told.row.contact_sequence, 4);
  EXPECT_EQ(told.row.recipient, "ana@example.org");
  EXPECT_EQ(told.row.report_key, "SB:2026-27");
}

TEST(UsableEmail, AcceptsAddressesAndRefusesJunk) {
  EXPECT_TRUE(usable_email("ana@example.org"));
  EXPECT_FALSE(usable_email(""));
  EXPECT_FALSE(usable_email("   "));
  EXPECT_FALSE(usable_email("ana.example.org"));
  EXPECT_FALSE(usable_email("@example.org"));
  EXPECT_FALSE(usable_email("ana@"));
  EXPECT_FALSE(usable_email("a b@example.org"));
  EXPECT_FALSE(usable_email("a@b@c"));
  EXPECT_FALSE(usable_email("ana@example.org, eve@example.org"));
}

TEST(UsableEmail, RefusesControlsSeparatorsAndOversizedAddresses) {
  EXPECT_FALSE(usable_email("ana@example.org\r\nBcc: eve@example.org"));
  EXPECT_FALSE(usable_email(std::string("ana@exa\0mple.org", 16)));
  EXPECT_FALSE(usable_email("ana@example.org\x7f"));
  EXPECT_FALSE(usable_email("Ana <ana@example.org>"));
  EXPECT_FALSE(usable_email("ana@example.org;eve@example.org"));
  const std::string local(64, 'a');
  const std::string longest = local + "@" + std::string(320 - 65, 'b');
  EXPECT_TRUE(usable_email(longest));
  EXPECT_FALSE(usable_email(longest + "b"));
}

}  // namespace
}  // namespace ssrlink::testing
