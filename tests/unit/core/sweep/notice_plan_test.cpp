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
  change.report = {"SB:2026-27", "SB", "2026-27", report_status_final};
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

TEST(NoticePlan, EveryGuardianWithRightsAndAnEmailIsToldInTheirLanguage) {  // rules 2, 4, 6
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

TEST(NoticePlan, GuardiansWithRightsButNoEmailMakeItPartial) {  // rules 3, 6
  const report_write write =
      plan_notices(student(1, "1000000001"), newly_final(),
                   {contact(1, true, "ana@example.org"), contact(2, true, ""),
                    contact(3, true, "not an address")});
  EXPECT_EQ(write.notice, notice_state::partial);
  EXPECT_EQ(write.notices.size(), 1u);
  EXPECT_EQ(write.missing_email, 2u);
}

TEST(NoticePlan, NoGuardianReachedIsNoEmail) {  // rule 6
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

// Rule 5: one notice per (student, mailbox, report).
TEST(NoticePlan, GuardiansSharingAMailboxGetOneNoticeFromTheFirst) {
  const report_write write = plan_notices(
      student(1, "1000000001"), newly_final(),
      {contact(1, true, "family@example.org", "01"), contact(2, true, "family@example.org", "02"),
       contact(3, true, "dad@example.org", "02")});
  ASSERT_EQ(write.notices.size(), 2u);
  EXPECT_EQ(write.notices[0].contact_sequence, 1);
  EXPECT_EQ(write.notices[0].recipient, "family@example.org");
  EXPECT_EQ(write.notices[0].language, "es");  // the first contact's language, not the second's
  EXPECT_EQ(write.notices[1].contact_sequence, 3);
  EXPECT_EQ(write.missing_email, 0u);  // contact 2 was reached, not missing
  EXPECT_EQ(write.notice, notice_state::queued);
}

TEST(NoticePlan, AMailboxIsTheAddressTrimmedAndLowerCased) {  // rule 5
  const report_write write = plan_notices(
      student(1, "1000000001"), newly_final(),
      {contact(1, true, " Family@Example.ORG "), contact(2, true, "family@example.org\t"),
       contact(3, true, "FAMILY@EXAMPLE.ORG"), contact(4, true, "\r\nfamily@example.org")});
  ASSERT_EQ(write.notices.size(), 1u);
  EXPECT_EQ(write.notices[0].contact_sequence, 1);
  EXPECT_EQ(write.notices[0].recipient, "Family@Example.ORG");  // trimmed, as written
  EXPECT_EQ(write.missing_email, 0u);
  EXPECT_EQ(write.notice, notice_state::queued);
  // A different local part or domain is another mailbox.
  const report_write two =
      plan_notices(student(1, "1000000001"), newly_final(),
                   {contact(1, true, "family@example.org"), contact(2, true, "family@example.net"),
                    contact(3, true, "familyx@example.org")});
  EXPECT_EQ(two.notices.size(), 3u);
}

TEST(NoticePlan, TheFirstContactWithRightsAndThatAddressGetsIt) {  // rules 2, 5
  const report_write write = plan_notices(
      student(1, "1000000001"), newly_final(),
      {contact(1, false, "family@example.org", "01"), contact(2, true, "family@example.org", "02"),
       contact(3, true, "Family@example.org", "01")});
  ASSERT_EQ(write.notices.size(), 1u);
  EXPECT_EQ(write.notices[0].contact_sequence, 2);  // contact 1 holds no rights
  EXPECT_EQ(write.notices[0].language, "vi");
  EXPECT_EQ(write.notice, notice_state::queued);
}

TEST(NoticePlan, ASharedMailboxDoesNotHideAGuardianWithoutEmail) {  // rules 3, 5, 6
  const report_write write =
      plan_notices(student(1, "1000000001"), newly_final(),
                   {contact(1, true, "family@example.org"), contact(2, true, "FAMILY@example.org"),
                    contact(3, true, "")});
  EXPECT_EQ(write.notices.size(), 1u);
  EXPECT_EQ(write.missing_email, 1u);  // contact 3 only
  EXPECT_EQ(write.notice, notice_state::partial);
}

TEST(NoticePlan, TheFirstContactsWordsAreTheOnesSent) {  // rules 4, 5
  // Contact 1 has Hide Contact Info: the mailbox is told to contact the school, not pointed to
  // the portal, though contact 2 (same mailbox) could see the report there.
  const report_write write = plan_notices(
      student(1, "1000000001"), newly_final(),
      {contact(1, true, "family@example.org", "00", true), contact(2, true, "family@example.org")});
  ASSERT_EQ(write.notices.size(), 1u);
  EXPECT_NE(write.notices[0].body_text.find("contact the school"), std::string::npos);
  EXPECT_EQ(write.notices[0].body_text.find(portal_path), std::string::npos);
}

TEST(NoticePlan, EachReportAndEachStudentStillGetsItsNotice) {  // rule 5's key
  const std::vector<contact_facts> family{contact(1, true, "family@example.org"),
                                          contact(2, true, "family@example.org")};
  detected_report cast = newly_final();
  cast.report = {"CAST:2026-27", "CAST", "2026-27", report_status_final};
  const report_write sb = plan_notices(student(1, "1000000001"), newly_final(), family);
  const report_write science = plan_notices(student(1, "1000000001"), cast, family);
  ASSERT_EQ(sb.notices.size(), 1u);
  ASSERT_EQ(science.notices.size(), 1u);
  EXPECT_EQ(sb.notices[0].report_key, "SB:2026-27");
  EXPECT_EQ(science.notices[0].report_key, "CAST:2026-27");
  // A brother with the same guardians: his own notice, naming his report.
  const report_write brother = plan_notices(student(2, "1000000002"), newly_final(), family);
  ASSERT_EQ(brother.notices.size(), 1u);
  EXPECT_EQ(brother.notices[0].recipient, "family@example.org");
  EXPECT_EQ(brother.notice, notice_state::queued);
}

TEST(NoticePlan, AnAddressPaddedWithSpacesIsUsableAndSentTrimmed) {  // rule 3
  const listed_report report = newly_final().report;
  const sweep_student s = student(1, "1000000001");
  const contact_notice padded = notice_for(s, report, contact(1, true, "ana@example.org    "));
  ASSERT_EQ(padded.verdict, contact_verdict::notice);
  EXPECT_EQ(padded.row.recipient, "ana@example.org");
  EXPECT_EQ(notice_for(s, report, contact(1, true, "   ")).verdict,
            contact_verdict::no_usable_email);
  EXPECT_EQ(notice_for(s, report, contact(1, true, "ana @example.org")).verdict,
            contact_verdict::no_usable_email);  // white space inside is still refused
  EXPECT_EQ(
      notice_for(s, report, contact(1, true, "ana@example.org\r\nBcc: eve@example.org")).verdict,
      contact_verdict::no_usable_email);
}

TEST(MailboxKey, TrimsAndLowersAsciiOnly) {
  EXPECT_EQ(mailbox_key("  Ana@Example.ORG\t"), "ana@example.org");
  EXPECT_EQ(mailbox_key("ana@example.org"), "ana@example.org");
  EXPECT_EQ(mailbox_key(""), "");
  EXPECT_EQ(mailbox_key(" \r\n"), "");
  EXPECT_EQ(mailbox_key("\xC3\x89va@example.org"), "\xC3\x89va@example.org");  // UTF-8 untouched
  EXPECT_EQ(trimmed_email(" a b "), "a b");
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
