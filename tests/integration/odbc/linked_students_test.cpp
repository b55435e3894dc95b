// The family page's read (odbc_student_directory::linked_students, statements::family_students)
// on both real databases, over the reference views and the demo district (demo-data.sql): every
// non-deleted student ssrlink_portal_link ties to the account through a contact ssrlink_contact
// has, with or without educational rights, once each, ascending, with the names; nobody else's.
// A view mapped before the names (schema version 6) fails the call naming the column and the
// migration, while the page's reads go on working.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backends.hpp"
#include "core/error.hpp"
#include "odbc/odbc_ports.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

using ::testing::ElementsAre;

// "1001 Ana Garcia": one linked student as the test compares it.
std::vector<std::string> shown(const std::vector<core::linked_student> &students) {
  std::vector<std::string> out;
  for (const core::linked_student &s : students) {
    out.push_back(std::to_string(s.student_id) + " " + s.first_name + " " + s.last_name);
  }
  return out;
}

template <class Backend>
class linked_students_test : public ::testing::Test {
 protected:
  void SetUp() override { ports_ = make_odbc_ports(Backend::fresh_database(), 2, log_); }

  void exec(const std::string &sql) {
    ports_.pool->run({"prepare the test", {}}, [&](connection &c) { c.prepare(sql).execute({}); });
  }

  std::vector<std::string> linked(const std::string &user_id) {
    return shown(ports_.students->linked_students(user_id));
  }

  // ssrlink_portal_link as a mapping that does not itself leave out deleted contacts (the
  // different-names example's is one): only the join with ssrlink_contact drops their links.
  void link_deleted_contacts_too() {
    exec("DROP VIEW ssrlink_portal_link");
    exec(
        "CREATE VIEW ssrlink_portal_link AS SELECT c.PU AS user_id, c.PID AS student_id, "
        "c.SQ AS contact_sequence FROM CON c WHERE c.PU <> ''");
  }

  recording_logger log_;
  odbc_ports ports_;
};

TYPED_TEST_SUITE(linked_students_test, backends, backend_names);

TYPED_TEST(linked_students_test, a_family_account_gets_each_of_its_children_with_names) {
  // The demo's Garcia guardian is one account on the contact rows of Ana (1001) and Victor
  // (1022), at two schools.
  EXPECT_THAT(this->linked("family-garcia"), ElementsAre("1001 Ana Garcia", "1022 Victor Garcia"));
  // A guardian of one child gets that child only.
  EXPECT_THAT(this->linked("parent-1003-2"), ElementsAre("1003 Carmen Lopez"));
}

TYPED_TEST(linked_students_test, several_children_come_once_each_in_ascending_order) {
  // One account on four contacts: both of 1004's (guardian with rights, relative without), 1010's
  // guardian and 1003's second guardian; set out of order, so the order is the statement's.
  this->exec("UPDATE CON SET PU = 'acct-many' WHERE PID IN (1010, 1004)");
  this->exec("UPDATE CON SET PU = 'acct-many' WHERE PID = 1003 AND SQ = 2");
  EXPECT_THAT(this->linked("acct-many"),
              ElementsAre("1003 Carmen Lopez", "1004 Duc Tran", "1010 Jia Li"));
  // The accounts those contacts had before link nothing any more; the others are untouched.
  EXPECT_TRUE(this->linked("parent-1010-1").empty());
  EXPECT_THAT(this->linked("parent-1003-1"), ElementsAre("1003 Carmen Lopez"));
}

TYPED_TEST(linked_students_test, a_contact_without_rights_still_lists_its_student) {
  // The family page shows each student under that student's own page rules, which refuse a
  // relative without rights: listing is not showing.
  EXPECT_THAT(this->linked("relative-1001-2"), ElementsAre("1001 Ana Garcia"));
}

TYPED_TEST(linked_students_test, another_account_or_a_look_alike_gets_nothing) {
  for (const std::string account :
       {"nobody", "", "FAMILY-GARCIA", "family-garcia ", "family-%", "x' OR '1'='1"}) {
    EXPECT_TRUE(this->linked(account).empty()) << "'" << account << "'";
  }
}

TYPED_TEST(linked_students_test, a_deleted_student_is_left_out) {
  // 1034 is deleted (STU.DEL): its contacts and their links are not, but the student is gone.
  EXPECT_EQ(scalar(*this->ports_.pool,
                   "SELECT COUNT(*) FROM ssrlink_portal_link WHERE user_id = 'parent-1034-1'"),
            1);
  EXPECT_TRUE(this->linked("parent-1034-1").empty());
  this->exec("UPDATE CON SET PU = 'acct-two' WHERE (PID = 1034 OR PID = 1033) AND SQ = 1");
  EXPECT_THAT(this->linked("acct-two"), ElementsAre("1033 Gus Ortiz"));
}

TYPED_TEST(linked_students_test, a_link_to_a_deleted_contact_lists_nothing) {
  this->link_deleted_contacts_too();
  // 1002's contact 3 is deleted; ssrlink_portal_link now lists its account's link all the same.
  EXPECT_EQ(scalar(*this->ports_.pool,
                   "SELECT COUNT(*) FROM ssrlink_portal_link WHERE user_id = 'parent-1002-3'"),
            1);
  EXPECT_TRUE(this->linked("parent-1002-3").empty());
  // The same account on a live contact of another student: that student only.
  this->exec("UPDATE CON SET PU = 'parent-1002-3' WHERE PID = 1005 AND SQ = 2");
  EXPECT_THAT(this->linked("parent-1002-3"), ElementsAre("1005 Elena Martinez"));
  // And a deleted contact of a student the account also reaches through a live one: once.
  this->exec("UPDATE CON SET PU = 'parent-1002-3' WHERE PID = 1002 AND SQ = 1");
  EXPECT_THAT(this->linked("parent-1002-3"), ElementsAre("1002 Bao Nguyen", "1005 Elena Martinez"));
}

TYPED_TEST(linked_students_test, a_link_listed_twice_lists_the_student_once) {
  this->exec("DROP VIEW ssrlink_portal_link");
  this->exec(
      "CREATE VIEW ssrlink_portal_link AS "
      "SELECT c.PU AS user_id, c.PID AS student_id, c.SQ AS contact_sequence FROM CON c "
      "WHERE c.PU <> '' AND c.DEL <> 'Y' "
      "UNION ALL SELECT c.PU, c.PID, c.SQ FROM CON c WHERE c.PU = 'family-garcia'");
  EXPECT_THAT(this->linked("family-garcia"), ElementsAre("1001 Ana Garcia", "1022 Victor Garcia"));
}

TYPED_TEST(linked_students_test, names_are_read_as_the_view_gives_them) {
  // Apostrophes and accents come back byte for byte; a NULL or empty name is empty.
  this->exec("UPDATE STU SET FN = 'Zoë', LN = 'O''Brien' WHERE ID = 1001");
  this->exec("UPDATE STU SET FN = '', LN = '' WHERE ID = 1022");
  EXPECT_THAT(this->linked("family-garcia"), ElementsAre("1001 Zoë O'Brien", "1022  "));
  this->exec("DROP VIEW ssrlink_student");
  this->exec(
      "CREATE VIEW ssrlink_student AS SELECT s.ID AS student_id, CAST(s.SC AS VARCHAR(10)) AS "
      "school_code, COALESCE(s.CID, '') AS ssid, s.CL AS correspondence_language, s.GR AS grade, "
      "0 AS do_not_release, 0 AS hide_contact, s.TG AS tag, s.LD AS leave_date, s.PU AS "
      "portal_user, CAST(NULL AS VARCHAR(50)) AS first_name, s.LN AS last_name FROM STU s "
      "WHERE s.DEL <> 'Y'");
  EXPECT_THAT(this->linked("family-garcia"), ElementsAre("1001  O'Brien", "1022  "));
}

TYPED_TEST(linked_students_test, the_list_is_one_round_trip) {
  connection_pool &pool = *this->ports_.pool;
  for (const std::string account : {"family-garcia", "nobody", "relative-1001-2"}) {
    const std::uint64_t before = pool.statements_executed();
    this->ports_.students->linked_students(account);
    EXPECT_EQ(pool.statements_executed() - before, 1u) << account;
  }
}

TYPED_TEST(linked_students_test, a_view_without_names_fails_naming_the_column_and_migration) {
  // ssrlink_student as a DBA mapped it at version 5: every column but the names.
  this->exec("DROP VIEW ssrlink_student");
  this->exec(
      "CREATE VIEW ssrlink_student AS SELECT s.ID AS student_id, CAST(s.SC AS VARCHAR(10)) AS "
      "school_code, COALESCE(s.CID, '') AS ssid, s.CL AS correspondence_language, s.GR AS grade, "
      "CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END AS do_not_release, CASE WHEN s.HCI = 'Y' THEN 1 "
      "ELSE 0 END AS hide_contact, s.TG AS tag, s.LD AS leave_date, COALESCE(s.PU, '') AS "
      "portal_user FROM STU s WHERE COALESCE(s.DEL, '') <> 'Y'");
  try {
    this->ports_.students->linked_students("family-garcia");
    FAIL() << "linked_students read a view without first_name";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_EQ(std::string(e.what()),
              std::string("The view ssrlink_student has no column first_name; run sql/") +
                  TypeParam::name +
                  "/migrations/0006_student_names.sql, or add the column to your mapping "
                  "(docs/dba-guide.md).");
  }
  // The page's reads never needed the names.
  auto &students = *this->ports_.students;
  const auto parent =
      students.find_binding({1001, core::binding_kind::parent_account, "family-garcia"});
  ASSERT_TRUE(parent.has_value());
  ASSERT_EQ(parent->linked_contacts.size(), 1u);
  EXPECT_TRUE(parent->linked_contacts[0].educational_rights);
  EXPECT_EQ(students.find_binding({1008, core::binding_kind::student_account, ""})->portal_user,
            "student-1008");
  const auto facts = students.find_student({1004, 1});
  ASSERT_TRUE(facts.has_value());
  EXPECT_TRUE(facts->do_not_release);
}

}  // namespace
}  // namespace ssrlink::odbc::testing
