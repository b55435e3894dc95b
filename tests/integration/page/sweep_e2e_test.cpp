// The notification sweep through the C ABI, on SQLite and fake-ets: notices for guardians with
// rights, the contact-the-school wording for DNR / hidden students, exactly once on a rerun,
// progress to the host, and the "viewed" mark set by a parent's page.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <string>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

// Moves the host clock to 15 March 2019: the fixture's SB and CAST reports (2018-19, Final) are
// then this school year's.
class SweepE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::int64_t march_2019 = std::int64_t{1552608000000};  // 2019-03-15T00:00:00Z
    clock_offset_ms = 0;
    clock_offset_ms = march_2019 - host_now_ms(nullptr);
  }
  void TearDown() override { clock_offset_ms = 0; }

  static std::int64_t count(const std::string &where) {
    return std::stoll(shared->query("SELECT COUNT(*) FROM ssrlink_outbox " + where));
  }
};

TEST_F(SweepE2E, NotifiesEachGuardianOnceWithTheRightWording) {
  const std::size_t progress_before = progress_reports();
  const answer first =
      shared->call(ssrlink_sweep, with_actor(R"("scope": "district", "concurrency": 4)"));
  ASSERT_EQ(first.status, SSRLINK_OK) << first.text;
  // Six students share the SSID with reports, one has no SSID, the rest get errors or nothing.
  EXPECT_EQ(first.json.at("no_ssid").to_number<int>(), 1);
  EXPECT_GE(first.json.at("students_checked").to_number<int>(), 11);
  EXPECT_GT(first.json.at("new_reports").to_number<int>(), 0);
  EXPECT_GT(progress_reports(), progress_before);

  // SB and CAST of 2018-19 are Final; the 2019-20 ELPAC is Preliminary and never notifies.
  EXPECT_EQ(count("WHERE report_key LIKE 'ELPAC%'"), 0);
  // Student 1's guardian (educational rights, email) heard of both reports, in Spanish (CL 01).
  EXPECT_EQ(count("WHERE student_id = 1"), 2);
  EXPECT_EQ(shared->query("SELECT DISTINCT language FROM ssrlink_outbox WHERE student_id = 1"),
            "es");
  // The deleted contact of student 12 hears nothing.
  EXPECT_EQ(count("WHERE student_id = 12"), 0);
  // DNR (2) and hidden (3) students' guardians are notified, told to contact the school.
  for (const int student : {2, 3}) {
    const std::string body = shared->query(
        "SELECT body_text FROM ssrlink_outbox WHERE student_id = " + std::to_string(student) +
        " LIMIT 1");
    EXPECT_NE(body.find("contact the school"), std::string::npos) << body;
    EXPECT_EQ(body.find("Test Scores > State Test Scores Reports"), std::string::npos) << body;
  }
  // No email ever carries a link.
  EXPECT_EQ(count("WHERE body_text LIKE '%https://%' OR body_html LIKE '%https://%'"), 0);

  const std::int64_t notices = count("");
  EXPECT_EQ(notices, first.json.at("notices_queued").to_number<std::int64_t>());
  const answer again = shared->call(ssrlink_sweep, with_actor(R"("scope": "district")"));
  ASSERT_EQ(again.status, SSRLINK_OK) << again.text;
  EXPECT_EQ(again.json.at("notices_queued").to_number<int>(), 0);
  EXPECT_EQ(count(""), notices);
}

TEST_F(SweepE2E, AParentsPageMarksTheReportsViewed) {
  shared->call(ssrlink_sweep, with_actor(R"("scope": "district")"));
  const auto not_viewed = [] {
    const answer a = shared->call(ssrlink_notifications_list, with_actor(R"("not_viewed": true)"));
    EXPECT_EQ(a.status, SSRLINK_OK) << a.text;
    int for_student_1 = 0;
    for (const auto &entry : a.json.at("entries").as_array()) {
      for_student_1 += entry.at("student_id").to_number<int>() == 1 ? 1 : 0;
    }
    return for_student_1;
  };
  ASSERT_GT(not_viewed(), 0);
  const answer page = shared->page(plain,
                                   R"({"role": "parent", "user_id": ")" + parent_account(plain, 1) +
                                       R"(", "permitted": true, "contact_sequence": 1})",
                                   R"(, "refresh": true)");
  ASSERT_EQ(page.json.at("outcome").as_string(), "reports");
  EXPECT_EQ(not_viewed(), 0);
}

TEST_F(SweepE2E, StaffCanQueueANoticeByHandOnce) {
  shared->call(ssrlink_sweep, with_actor(R"("scope": "district")"));
  // Contact 2 of student 4 has rights and an email; a notice for it was queued by the sweep, so
  // queueing again by hand is a no-op.
  const answer dup = shared->call(ssrlink_notification_queue,
                                  with_actor(R"("student_id": 4, "contact_sequence": 2, )"
                                             R"("report_key": "SB:2018-19")"));
  ASSERT_EQ(dup.status, SSRLINK_OK) << dup.text;
  EXPECT_FALSE(dup.json.at("queued").as_bool());
  const answer unknown = shared->call(ssrlink_notification_queue,
                                      with_actor(R"("student_id": 4, "contact_sequence": 9, )"
                                                 R"("report_key": "SB:2018-19")"));
  EXPECT_EQ(unknown.status, SSRLINK_NOT_FOUND) << unknown.text;
}

}  // namespace
}  // namespace ssrlink::e2e
