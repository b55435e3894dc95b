// A badly mapped view through the whole sweep (range_check.hpp, rules 1, 2 and 8): a student on
// several rows of ssrlink_student, or a contact sequence on several rows of ssrlink_contact, is
// skipped with a warning naming the view and the IDs, counted in the summary, never sent to ETS
// (students) and never notified, in the district's and a school's sweep, dry run or not. And one
// notice per mailbox end to end (notice_plan.hpp, rule 5).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "sweep_fixture.hpp"

namespace ssrlink::testing {
namespace {

using namespace std::chrono;
using namespace ssrlink::core;

std::string student_warning(std::int64_t id, int rows) {
  return "The view ssrlink_student has " + std::to_string(rows) + " rows for student_id " +
         std::to_string(id) +
         "; the sweep skipped the student. It must have one row per student: see "
         "docs/dba-guide.md, \"One row per student\", and run ssrlink-host check-mapping.";
}

std::string contact_warning(std::int64_t id, int sequence) {
  return "The view ssrlink_contact has 2 rows for student_id " + std::to_string(id) +
         " and contact_sequence " + std::to_string(sequence) +
         "; the sweep skipped the student and recorded none of its reports. It must have one row "
         "per contact: see docs/dba-guide.md, \"One row per contact\", and run ssrlink-host "
         "check-mapping.";
}

class DuplicateRows : public SweepFixture {
 protected:
  // The view joined on one enrollment row per school year: student 1 moved from school 1 to
  // school 2 and is on a row of each; student 6 stayed in school 1 three years.
  void double_students() {
    auto &rows = stores.tables.students;
    rows.push_back(student(1, "1000000001", "2"));
    rows.push_back(rows[5]);
    rows.push_back(rows[5]);
  }

  bool asked_ets_for(const std::string &ssid) const {
    const std::vector<std::string> asked = ets.ssids();
    return std::find(asked.begin(), asked.end(), ssid) != asked.end();
  }

  bool logged_any(const std::string &ssid) const {
    return std::any_of(stores.tables.log.begin(), stores.tables.log.end(),
                       [&](const auto &entry) { return entry.first.first == ssid; });
  }

  bool notified(std::int64_t student_id) const {
    return std::any_of(stores.tables.outbox.begin(), stores.tables.outbox.end(),
                       [&](const memory_outbox_row &row) { return row.student_id == student_id; });
  }

  std::vector<std::string> warnings() const { return log.at(log_level::warning); }
};

TEST_F(DuplicateRows, DistrictSweepSkipsNamesAndCountsThem) {
  double_students();
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.duplicate_students, 2);
  EXPECT_EQ(c.students_checked, 6);  // the fixture's 8 but students 1 and 6
  EXPECT_EQ(c.new_reports, 1);       // student 3's CAST only
  EXPECT_EQ(c.notices_queued, 1);
  EXPECT_EQ(c.no_email, 0);  // student 1's contact 2 was never planned
  EXPECT_FALSE(asked_ets_for("1000000001"));
  EXPECT_FALSE(asked_ets_for("1000000006"));
  EXPECT_TRUE(asked_ets_for("1000000003"));
  EXPECT_FALSE(logged_any("1000000001"));
  EXPECT_FALSE(logged_any("1000000006"));
  EXPECT_FALSE(notified(1));
  EXPECT_TRUE(notified(3));
  const std::vector<std::string> w = warnings();
  EXPECT_NE(std::find(w.begin(), w.end(), student_warning(1, 2)), w.end()) << log.joined();
  EXPECT_NE(std::find(w.begin(), w.end(), student_warning(6, 3)), w.end()) << log.joined();
  EXPECT_EQ(w.size(), 2u) << log.joined();
}

TEST_F(DuplicateRows, DryRunCountsThemTheSame) {
  double_students();
  const sweep_counts c = run(
      R"({"scope": "district", "dry_run": true, "skip_tags": ["X"],
          "skip_leave_before": "2026-06-30"})");
  EXPECT_EQ(c.duplicate_students, 2);
  EXPECT_EQ(c.students_checked, 6);
  EXPECT_EQ(c.new_reports, 1);
  EXPECT_EQ(c.notices_queued, 1);
  EXPECT_FALSE(asked_ets_for("1000000001"));
  EXPECT_FALSE(asked_ets_for("1000000006"));
  EXPECT_EQ(stores.tables.writes, 0);
  EXPECT_EQ(warnings().size(), 2u) << log.joined();
  EXPECT_TRUE(log.mentions(student_warning(1, 2)));
}

TEST_F(DuplicateRows, ADuplicateIsCountedBeforeTheSkipRules) {
  // Student 4 (tag X, which the request skips) on two rows: a duplicate all the same, and
  // counted, since its rows are what cannot be trusted, the tag included.
  stores.tables.students.push_back(stores.tables.students[3]);
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.duplicate_students, 1);
  EXPECT_EQ(c.students_checked, 8);
  EXPECT_TRUE(log.mentions(student_warning(4, 2)));
}

TEST_F(DuplicateRows, SchoolSweepSeesAStudentWhoMovedAwayAndSkipsIt) {
  resolver.schools_without_credentials.clear();
  double_students();
  // School 2: student 9, and student 1 who has a row there and one in school 1. Student 6's
  // rows are all school 1's: not this sweep's, not counted here.
  const sweep_counts two = run(R"({"scope": "2"})");
  EXPECT_EQ(two.students_checked, 1);
  EXPECT_EQ(two.duplicate_students, 1);
  EXPECT_EQ(two.new_reports, 1);  // student 9's SB 2026-27
  EXPECT_EQ(ets.ssids(), std::vector<std::string>{"1000000009"});
  EXPECT_EQ(warnings(), std::vector<std::string>{student_warning(1, 2)});
  // School 1: it took student 1 in before (the row of the school it left); now it skips it too.
  log.clear();
  const sweep_counts one = run(R"({"scope": "1", "skip_tags": ["X"]})");
  EXPECT_EQ(one.duplicate_students, 2);
  EXPECT_EQ(one.students_checked, 6);  // 2, 3, 5, 7, 8 and 10; not 1, 4 (tag X) nor 6
  EXPECT_FALSE(asked_ets_for("1000000001"));
  EXPECT_FALSE(asked_ets_for("1000000006"));
  EXPECT_FALSE(notified(1));
  EXPECT_TRUE(log.mentions(student_warning(1, 2)));
  EXPECT_TRUE(log.mentions(student_warning(6, 3)));
}

TEST_F(DuplicateRows, EachIsCountedOnceWhateverTheBatches) {
  double_students();
  for (const unsigned batch : {1u, 2u, 500u}) {
    memory_sweep_stores fresh;
    fresh.tables.students = stores.tables.students;
    fresh.tables.contacts = stores.tables.contacts;
    recording_logger fresh_log;
    sweep_service s{fresh.ports(), {}, ets, resolver, clock, fresh_log, {"w1", batch}};
    const sweep_counts c = s.run(parse_sweep_request(usual, "w1"), {});
    EXPECT_EQ(c.duplicate_students, 2) << "batch " << batch;
    EXPECT_EQ(c.students_checked, 6) << "batch " << batch;
    EXPECT_EQ(fresh_log.at(log_level::warning).size(), 2u) << fresh_log.joined();
  }
}

TEST_F(DuplicateRows, AViewThatDoublesEveryoneIsCountedWhollyButNamedUpToACap) {
  stores.tables.students.clear();
  for (int i = 0; i < 30; ++i) {
    const core::sweep_student s = student(100 + i, std::to_string(3000000000 + i));
    stores.tables.students.push_back(s);
    stores.tables.students.push_back(s);
  }
  const sweep_counts c = service(7).run(parse_sweep_request(R"({"scope": "district"})", "w1"), {});
  EXPECT_EQ(c.duplicate_students, 30);
  EXPECT_EQ(c.students_checked, 0);
  EXPECT_EQ(ets.calls(), 0);
  const std::vector<std::string> w = warnings();
  ASSERT_EQ(w.size(), 21u) << log.joined();
  EXPECT_EQ(w[0], student_warning(100, 2));
  EXPECT_EQ(w[19], student_warning(119, 2));
  EXPECT_EQ(w[20],
            "The sweep found more than 20 students on more than one row of the view "
            "ssrlink_student and names no more of them in this run; the sweep's summary counts "
            "them all. Run ssrlink-host check-mapping to list them.");
}

TEST_F(DuplicateRows, ASequenceOnTwoContactRowsSkipsTheStudentUntilTheViewIsFixed) {
  stores.tables.contacts[1].push_back(contact(1, true, "other@example.org"));
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.duplicate_contacts, 1);
  EXPECT_EQ(c.duplicate_students, 0);
  EXPECT_EQ(c.students_checked, 8);  // ETS was asked: contacts are read for what notifies only
  EXPECT_EQ(c.new_reports, 1);       // student 3's
  EXPECT_EQ(c.notices_queued, 1);
  EXPECT_EQ(c.no_email, 0);
  EXPECT_FALSE(notified(1));
  EXPECT_FALSE(logged_any("1000000001"));  // nothing recorded: found again once fixed
  EXPECT_EQ(warnings(), std::vector<std::string>{contact_warning(1, 1)});

  stores.tables.contacts[1].pop_back();
  clock.advance(days(1));
  const sweep_counts fixed = run(usual);
  EXPECT_EQ(fixed.duplicate_contacts, 0);
  EXPECT_EQ(fixed.new_reports, 1);  // student 1's SB 2026-27, announced now
  EXPECT_TRUE(notified(1));
  EXPECT_EQ(stores.tables.log.at({"1000000001", "SB:2026-27"}).notice, notice_state::partial);
}

TEST_F(DuplicateRows, ADryRunCountsDuplicateContactsTheSame) {
  stores.tables.contacts[1].push_back(contact(1, true, "other@example.org"));
  const sweep_counts c = run(R"({"scope": "district", "dry_run": true, "skip_tags": ["X"],
              "skip_leave_before": "2026-06-30"})");
  EXPECT_EQ(c.duplicate_contacts, 1);
  EXPECT_EQ(c.new_reports, 1);
  EXPECT_EQ(c.notices_queued, 1);
  EXPECT_EQ(stores.tables.writes, 0);
  EXPECT_TRUE(log.mentions(contact_warning(1, 1)));
}

TEST_F(DuplicateRows, ContactsAreNotReadWhenNothingNotifies) {
  // Student 6 has a Preliminary result only: its contacts are never read, so never judged.
  stores.tables.contacts[6].push_back(contact(1, true, "again@example.org"));
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.duplicate_contacts, 0);
  EXPECT_EQ(stores.tables.log.at({"1000000006", "ELPAC:2026-27"}).status, "Preliminary");
}

TEST_F(DuplicateRows, TheSummaryJsonCarriesBothCounts) {
  double_students();
  stores.tables.contacts[3].push_back(contact(1, true, "other@example.org"));
  const auto json = boost::json::parse(service().run(usual, {}).json).as_object();
  EXPECT_EQ(json.at("duplicate_students").as_int64(), 2);
  EXPECT_EQ(json.at("duplicate_contacts").as_int64(), 1);
  EXPECT_EQ(json.at("students_checked").as_int64(), 6);
  EXPECT_EQ(json.at("new_reports").as_int64(), 0);
}

// notice_plan.hpp, rule 5, end to end: one notice per (student, mailbox, report).
TEST_F(DuplicateRows, OneNoticePerMailboxAndStudent) {
  // Student 1's guardians 1 and 2 share a mailbox, written differently; student 3's guardian
  // uses the same family address.
  stores.tables.contacts[1] = {contact(1, true, "ana@example.org", "01"),
                               contact(2, true, " Ana@Example.ORG ", "02"),
                               contact(3, false, "aunt@example.org")};
  stores.tables.contacts[3] = {contact(1, true, "ANA@example.org\t")};
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.notices_queued, 2);
  EXPECT_EQ(c.no_email, 0);  // guardian 2 was reached through guardian 1's notice
  ASSERT_EQ(stores.tables.outbox.size(), 2u);
  for (const memory_outbox_row &row : stores.tables.outbox) {
    EXPECT_EQ(row.row.contact_sequence, 1);
    if (row.student_id == 1) {
      EXPECT_EQ(row.row.recipient, "ana@example.org");
      EXPECT_EQ(row.row.language, "es");  // the first contact's
    } else {
      EXPECT_EQ(row.student_id, 3);
      EXPECT_EQ(row.row.recipient, "ANA@example.org");  // trimmed, as written
    }
  }
  EXPECT_EQ(stores.tables.log.at({"1000000001", "SB:2026-27"}).notice, notice_state::queued);
  EXPECT_EQ(stores.tables.log.at({"1000000003", "CAST:2026-27"}).notice, notice_state::queued);
}

}  // namespace
}  // namespace ssrlink::testing
