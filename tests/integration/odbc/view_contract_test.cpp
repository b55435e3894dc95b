// The page reads check the views' contract (adapters/odbc/student_directory.hpp, rules 1 to 3),
// on both real databases: a view that lists a student or a contact twice, as a mapping joined to
// enrollments does, fails the page with a sentence naming the view and the ID instead of handing
// it whichever row comes first, and so does the family page's list of an account's students; a
// portal link listed twice is harmless. The sweep's feed passes such rows through for the core
// to skip.
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

std::string student_sentence(std::int64_t rows, std::int64_t id) {
  return "The view ssrlink_student has " + std::to_string(rows) + " rows for student_id " +
         std::to_string(id) +
         "; it must have one row per student (docs/dba-guide.md, \"One row per student\"). "
         "Check the mapping with ssrlink-host check-mapping.";
}

std::string contact_sentence(std::int64_t rows, std::int64_t id, int sequence) {
  return "The view ssrlink_contact has " + std::to_string(rows) +
         " rows for (student_id, contact_sequence) " + std::to_string(id) + ", " +
         std::to_string(sequence) +
         "; it must have one row per contact (docs/dba-guide.md, \"One row per contact\"). "
         "Check the mapping with ssrlink-host check-mapping.";
}

core::binding_query staff(std::int64_t id) {
  return {id, core::binding_kind::school, {}};
}
core::binding_query student_account(std::int64_t id) {
  return {id, core::binding_kind::student_account, {}};
}
core::binding_query parent(std::int64_t id, std::string user) {
  return {id, core::binding_kind::parent_account, std::move(user)};
}

template <class Backend>
class view_contract_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ports_ = make_odbc_ports(Backend::fresh_database(), 2, log_);
    stores_ = make_odbc_sweep_stores(*ports_.pool);
  }

  void exec(const std::string &sql) {
    ports_.pool->run({"prepare the test", {}}, [&](connection &c) { c.prepare(sql).execute({}); });
  }

  // Replaces `view` by a copy of its rows plus the rows `extra` selects from that copy
  // (test_rows), the way a mapping that joins one row too many would list them.
  void add_rows(const std::string &view, const std::string &extra) {
    exec("CREATE TABLE test_rows AS SELECT * FROM " + view);
    exec("DROP VIEW " + view);
    exec("CREATE VIEW " + view + " AS SELECT * FROM test_rows UNION ALL " + extra);
  }

  // Student 1004 (Do Not Release) twice with the same school, 1005 twice with a second school,
  // the way a join on enrollments (one row per school year) lists a student who moved.
  void list_students_twice() {
    add_rows("ssrlink_student",
             "SELECT * FROM test_rows WHERE student_id = 1004 UNION ALL "
             "SELECT student_id, '10', ssid, correspondence_language, grade, do_not_release, "
             "hide_contact, tag, leave_date, portal_user, first_name, last_name FROM test_rows "
             "WHERE student_id = 1005");
  }

  // Expects `call` to fail the way a broken view must: status database and `sentence` exactly.
  template <class Call>
  void expect_failure(Call call, const std::string &sentence, const std::string &what) {
    try {
      call();
      ADD_FAILURE() << what << ": expected failure " << sentence;
    } catch (const core::failure &e) {
      EXPECT_EQ(e.code(), core::status::database) << what;
      EXPECT_EQ(e.what(), sentence) << what;
    }
  }

  recording_logger log_;
  odbc_ports ports_;
  odbc_sweep_stores stores_;
};

TYPED_TEST_SUITE(view_contract_test, backends, backend_names);

TYPED_TEST(view_contract_test, a_student_on_two_rows_fails_every_binding_naming_the_view) {
  this->list_students_twice();
  core::student_directory &students = *this->ports_.students;
  // The exact sentence: it names the view, the ID and the count, and nothing about the
  // student's flags (1004 carries Do Not Release), which the binding never reads.
  for (const std::int64_t id : {1004, 1005}) {
    const std::string sentence = student_sentence(2, id);
    const std::string who = "student " + std::to_string(id);
    this->expect_failure([&] { students.find_binding(staff(id)); }, sentence, who + " staff");
    this->expect_failure([&] { students.find_binding(student_account(id)); }, sentence,
                         who + " student");
    // Linked to contact 1: its row comes twice.
    this->expect_failure(
        [&] { students.find_binding(parent(id, "parent-" + std::to_string(id) + "-1")); }, sentence,
        who + " linked parent");
    // Not linked: no error, which would tell a stranger the student exists; the access policy
    // refuses the account as not linked, like any other.
    const auto unlinked = students.find_binding(parent(id, "nobody"));
    ASSERT_TRUE(unlinked.has_value()) << who;
    EXPECT_TRUE(unlinked->linked_contacts.empty()) << who;
    this->expect_failure([&] { students.find_student({id, {}}); }, sentence, who + " facts");
    this->expect_failure(
        [&] {
          students.find_student({id, 1});
        },
        sentence, who + " facts with contact");
  }
}

TYPED_TEST(view_contract_test, the_family_list_fails_on_a_student_on_two_rows) {
  this->list_students_twice();
  core::student_directory &students = *this->ports_.students;
  // 1004 and 1005 through their own guardians, and an account linked to 1003 (one row) and
  // 1005 (two rows): the list is refused with the page's sentence, not shown with a guess.
  this->expect_failure([&] { students.linked_students("parent-1004-1"); },
                       student_sentence(2, 1004), "1004's guardian");
  this->exec("UPDATE CON SET PU = 'acct-both' WHERE (PID = 1003 OR PID = 1005) AND SQ = 1");
  this->expect_failure([&] { students.linked_students("acct-both"); }, student_sentence(2, 1005),
                       "an account of 1003 and 1005");
  // An account whose students are on one row each is listed as usual.
  const std::vector<core::linked_student> garcia = students.linked_students("family-garcia");
  ASSERT_EQ(garcia.size(), 2u);
  EXPECT_EQ(garcia[0].student_id, 1001);
  EXPECT_EQ(garcia[1].student_id, 1022);
  EXPECT_TRUE(students.linked_students("nobody").empty());
}

TYPED_TEST(view_contract_test, the_row_count_is_exact) {
  this->add_rows("ssrlink_student",
                 "SELECT * FROM test_rows WHERE student_id = 1004 UNION ALL "
                 "SELECT * FROM test_rows WHERE student_id = 1004");
  core::student_directory &students = *this->ports_.students;
  const std::string sentence = student_sentence(3, 1004);
  this->expect_failure([&] { students.find_binding(staff(1004)); }, sentence, "staff");
  this->expect_failure([&] { students.find_binding(parent(1004, "parent-1004-1")); }, sentence,
                       "parent");
  this->expect_failure([&] { students.find_student({1004, {}}); }, sentence, "facts");
  this->expect_failure([&] { students.find_student({1004, 2}); }, sentence, "facts, contact 2");
}

TYPED_TEST(view_contract_test, other_students_still_work_beside_a_duplicated_one) {
  this->list_students_twice();
  core::student_directory &students = *this->ports_.students;
  const auto school = students.find_binding(staff(1003));
  ASSERT_TRUE(school.has_value());
  EXPECT_EQ(school->school_code, "1");
  const auto own = students.find_binding(student_account(1008));
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->portal_user, "student-1008");
  const auto linked = students.find_binding(parent(1003, "parent-1003-1"));
  ASSERT_TRUE(linked.has_value());
  ASSERT_EQ(linked->linked_contacts.size(), 1u);
  EXPECT_EQ(linked->linked_contacts[0].sequence, 1);
  EXPECT_TRUE(linked->linked_contacts[0].educational_rights);
  const auto facts = students.find_student({1003, 1});
  ASSERT_TRUE(facts && facts->contact);
  EXPECT_EQ(facts->contact->email, "parent1003@example.org");
  EXPECT_FALSE(students.find_binding(staff(999999)).has_value());
  EXPECT_FALSE(students.find_student({999999, {}}).has_value());
  // The failure leaves the pooled connection usable (no cursor left open on it).
  this->expect_failure([&] { students.find_binding(staff(1004)); }, student_sentence(2, 1004),
                       "staff");
  EXPECT_EQ(students.find_binding(staff(1003))->school_code, "1");
}

TYPED_TEST(view_contract_test, a_correct_view_costs_one_statement_per_read) {
  // The check runs its COUNT only on the rare path; a correct mapping pays nothing for it,
  // also when the account links to several contacts.
  connection_pool &pool = *this->ports_.pool;
  core::student_directory &students = *this->ports_.students;
  this->exec("UPDATE CON SET PU = 'parent-1001-1' WHERE PID = 1001");
  const std::uint64_t before = pool.statements_executed();
  const auto both = students.find_binding(parent(1001, "parent-1001-1"));
  ASSERT_TRUE(both.has_value());
  ASSERT_EQ(both->linked_contacts.size(), 2u);
  EXPECT_EQ(both->linked_contacts[0].sequence, 1);
  EXPECT_EQ(both->linked_contacts[1].sequence, 2);
  students.find_binding(staff(1003));
  students.find_binding(student_account(1008));
  students.find_binding(parent(1003, "nobody"));
  students.find_student({1003, 1});
  EXPECT_EQ(pool.statements_executed() - before, 5u);
}

TYPED_TEST(view_contract_test, a_contact_on_two_rows_fails_naming_ssrlink_contact) {
  this->add_rows("ssrlink_contact",
                 "SELECT * FROM test_rows WHERE student_id = 1003 AND contact_sequence = 1");
  core::student_directory &students = *this->ports_.students;
  const std::string sentence = contact_sentence(2, 1003, 1);
  this->expect_failure([&] { students.find_binding(parent(1003, "parent-1003-1")); }, sentence,
                       "parent binding");
  this->expect_failure([&] { students.find_student({1003, 1}); }, sentence, "facts");
  // Reads that do not reach the contact still work, and so does another student's contact.
  EXPECT_EQ(students.find_binding(staff(1003))->school_code, "1");
  const auto facts = students.find_student({1003, {}});
  ASSERT_TRUE(facts.has_value());
  EXPECT_FALSE(facts->contact.has_value());
  const auto unlinked = students.find_binding(parent(1003, "nobody"));
  ASSERT_TRUE(unlinked.has_value());
  EXPECT_TRUE(unlinked->linked_contacts.empty());
  const auto other = students.find_binding(parent(1004, "parent-1004-1"));
  ASSERT_TRUE(other.has_value());
  ASSERT_EQ(other->linked_contacts.size(), 1u);
  EXPECT_EQ(other->linked_contacts[0].sequence, 1);
}

TYPED_TEST(view_contract_test, a_portal_link_listed_twice_is_one_contact) {
  this->add_rows("ssrlink_portal_link",
                 "SELECT * FROM test_rows WHERE user_id = 'parent-1003-1' UNION ALL "
                 "SELECT * FROM test_rows WHERE user_id = 'parent-1003-1'");
  core::student_directory &students = *this->ports_.students;
  const auto found = students.find_binding(parent(1003, "parent-1003-1"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->school_code, "1");
  ASSERT_EQ(found->linked_contacts.size(), 1u);
  EXPECT_EQ(found->linked_contacts[0].sequence, 1);
  EXPECT_TRUE(found->linked_contacts[0].educational_rights);
  // The family list names the student once.
  const std::vector<core::linked_student> listed = students.linked_students("parent-1003-1");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].student_id, 1003);
  EXPECT_EQ(listed[0].first_name, "Carmen");
}

TYPED_TEST(view_contract_test, links_to_two_deleted_contacts_are_no_contact) {
  // Links to contacts 8 and 9, which ssrlink_contact lacks (deleted): two rows without a
  // contact, as a duplicated student gives, but every view keeps its contract.
  this->add_rows("ssrlink_portal_link",
                 "SELECT user_id, student_id, 8 FROM test_rows WHERE user_id = 'parent-1003-1' "
                 "UNION ALL "
                 "SELECT user_id, student_id, 9 FROM test_rows WHERE user_id = 'parent-1003-1'");
  const auto found = this->ports_.students->find_binding(parent(1003, "parent-1003-1"));
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->linked_contacts.size(), 1u);
  EXPECT_EQ(found->linked_contacts[0].sequence, 1);
}

TYPED_TEST(view_contract_test, the_sweep_feed_passes_duplicates_through_in_order) {
  this->list_students_twice();
  core::student_feed &feed = *this->stores_.students;
  std::vector<std::int64_t> ids;
  std::vector<std::string> schools;
  for (const core::sweep_student &s : feed.students({1003, 1006})) {
    ids.push_back(s.student_id);
    schools.push_back(s.school_code);
  }
  EXPECT_THAT(ids, ElementsAre(1003, 1004, 1004, 1005, 1005, 1006));
  EXPECT_EQ(schools[1], "1");
  EXPECT_EQ(schools[2], "1");
  EXPECT_THAT((std::vector<std::string>{schools[3], schools[4]}),
              ::testing::UnorderedElementsAre("1", "10"));
  // Ranges count students, not rows.
  const auto ranges = feed.plan_ranges(std::nullopt, 4);
  ASSERT_GE(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].first_id, 1001);
  EXPECT_EQ(ranges[0].last_id, 1004);
  EXPECT_EQ(ranges[1].first_id, 1005);
  EXPECT_EQ(ranges[1].last_id, 1008);
}

}  // namespace
}  // namespace ssrlink::odbc::testing
