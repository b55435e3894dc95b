// The inspector's plan readers (adapters/odbc/mapping_check/query_plans.hpp) over hand-written
// plans of the shapes PostgreSQL and SQLite return.
#include "odbc/mapping_check/query_plans.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ssrlink::odbc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> tables_of(const std::vector<core::table_scan> &scans) {
  std::vector<std::string> out;
  for (const core::table_scan &scan : scans) {
    out.push_back(scan.table);
  }
  return out;
}

TEST(PostgresPlan, IndexLookupsAreNoFullScans) {
  const parsed_plan plan = parse_postgres_plan(R"plan([{"Plan": {
    "Node Type": "Nested Loop", "Join Type": "Left", "Plans": [
      {"Node Type": "Index Scan", "Relation Name": "stu", "Alias": "s", "Index Name": "stu_pkey",
       "Index Cond": "(id = 1001)", "Filter": "((COALESCE(del, ''::bpchar))::text <> 'Y'::text)"},
      {"Node Type": "Bitmap Heap Scan", "Relation Name": "con", "Alias": "c",
       "Recheck Cond": "(pid = 1001)", "Plans": [
         {"Node Type": "Bitmap Index Scan", "Index Name": "con_pkey", "Index Cond": "(pid = 1001)"}]}
    ]
}
}])plan");
  EXPECT_TRUE(plan.problem.empty());
  EXPECT_THAT(plan.full_scans, IsEmpty());
  EXPECT_THAT(plan.tables, ElementsAre("stu", "con"));
  ASSERT_EQ(plan.lines.size(), 4U);
  EXPECT_EQ(plan.lines[0], "Nested Loop");
  EXPECT_THAT(plan.lines[1],
              HasSubstr("  Index Scan on stu s using stu_pkey  Index Cond: (id = 1001)"));
  EXPECT_EQ(plan.lines[3], "    Bitmap Index Scan using con_pkey  Index Cond: (pid = 1001)");
}

TEST(PostgresPlan, SeqScansAndIndexWalksWithoutAConditionAreFullScans) {
  const parsed_plan plan = parse_postgres_plan(R"plan([{"Plan": {
    "Node Type": "Hash Join", "Hash Cond": "(e.student_id = s.id)", "Plans": [
      {"Node Type": "Seq Scan", "Relation Name": "student_enrollment", "Alias": "e"},
      {"Node Type": "Hash", "Plans": [
        {"Node Type": "Index Only Scan", "Relation Name": "stu", "Alias": "s",
         "Index Name": "stu_pkey"}]},
      {"Node Type": "Seq Scan", "Relation Name": "people", "Alias": "p",
       "Filter": "(p.student_id = 1001)"},
      {"Node Type": "Bitmap Heap Scan", "Relation Name": "emails", "Alias": "m"}
    ]
}
}])plan");
  EXPECT_THAT(tables_of(plan.full_scans),
              ElementsAre("student_enrollment", "stu", "people", "emails"));
  EXPECT_EQ(plan.full_scans[0].condition, "(e.student_id = s.id)");  // the join's condition
  EXPECT_EQ(plan.full_scans[2].condition, "(p.student_id = 1001)");  // its own filter
}

TEST(PostgresPlan, TextThatIsNoPlanIsAProblem) {
  for (const char *text : {"", "not json", "{}", "[]", "[{\"Plan\": 3}]"}) {
    EXPECT_FALSE(parse_postgres_plan(text).problem.empty()) << text;
  }
}

const sqlite_schema reference_schema{
    {"STU", "CON", "SCL", "ssrlink_audit"},
    {"CREATE VIEW ssrlink_student AS SELECT s.ID AS student_id FROM STU s WHERE s.DEL <> 'Y'",
     "CREATE VIEW ssrlink_contact AS SELECT c.PID AS student_id FROM \"CON\" AS c",
     "CREATE VIEW ssrlink_school AS SELECT k.SC AS school_code FROM main.SCL k"}};

TEST(SqlitePlan, AliasesResolveThroughTheViewDefinitions) {
  EXPECT_THAT(sqlite_alias_tables("s", reference_schema), ElementsAre("STU"));
  EXPECT_THAT(sqlite_alias_tables("c", reference_schema), ElementsAre("CON"));
  EXPECT_THAT(sqlite_alias_tables("k", reference_schema), ElementsAre("SCL"));
  EXPECT_THAT(sqlite_alias_tables("stu", reference_schema), ElementsAre("STU"));
  EXPECT_THAT(sqlite_alias_tables("zz", reference_schema), ElementsAre("zz"));
}

TEST(SqlitePlan, SearchesAreLookupsAndScansReadTheTableWhole) {
  const parsed_plan plan = parse_sqlite_plan(
      {{0, "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)"},
       {0, "SEARCH c USING INDEX sqlite_autoindex_CON_1 (PID=? AND SQ=?) LEFT-JOIN"},
       {0, "SCAN k LEFT-JOIN"},
       {0, "USE TEMP B-TREE FOR ORDER BY"}},
      reference_schema);
  EXPECT_THAT(tables_of(plan.full_scans), ElementsAre("SCL"));
  EXPECT_THAT(plan.tables, ElementsAre("STU", "CON", "SCL"));
  EXPECT_EQ(plan.lines.size(), 4U);
}

TEST(SqlitePlan, CoveringIndexScansAndAutomaticIndexesCountAsFullScans) {
  const parsed_plan plan =
      parse_sqlite_plan({{0, "SCAN s USING COVERING INDEX STU_SC"},
                         {0, "SEARCH c USING AUTOMATIC COVERING INDEX (PID=?)"},
                         {0, "SCAN CONSTANT ROW"},
                         {0, "CO-ROUTINE (subquery-1)"},
                         {1, "SCAN (subquery-1)"},
                         {0, "SCAN TABLE people AS p"}},
                        {{"STU", "CON", "people"}, reference_schema.definitions});
  EXPECT_THAT(tables_of(plan.full_scans), ElementsAre("STU", "CON", "people"));
  EXPECT_EQ(plan.lines[4], "  SCAN (subquery-1)");
}

TEST(SqlitePlan, TheBytecodeTellsApartTablesSharingAnAlias) {
  const sqlite_schema shared{{"CON", "guardians"},
                             {"CREATE VIEW ssrlink_portal_link AS SELECT c.PU FROM CON c",
                              "CREATE VIEW ssrlink_contact AS SELECT c.PID FROM guardians c"}};
  EXPECT_THAT(sqlite_alias_tables("c", shared), ElementsAre("CON", "guardians"));
  EXPECT_THAT(
      tables_of(parse_sqlite_plan({{0, "SCAN c"}}, shared, {true, {"guardians"}}).full_scans),
      ElementsAre("guardians"));
  // Without a word from the bytecode both are named rather than none.
  EXPECT_THAT(tables_of(parse_sqlite_plan({{0, "SCAN c"}}, shared).full_scans),
              ElementsAre("CON", "guardians"));
}

// Rule 4. A parent's page on the people-and-enrollments example: SQLite materializes
// ssrlink_portal_link for the account (the statement calls it l), then scans those few rows; the
// student view's definition uses l for the enrollments, which the bytecode never walks whole.
TEST(SqlitePlan, AScanOfMaterializedRowsIsNoTableReadWhole) {
  const sqlite_schema schema{
      {"students", "student_enrollment", "students_join_users", "staff"},
      {"CREATE VIEW ssrlink_student AS SELECT s.student_id FROM students s JOIN "
       "student_enrollment e ON e.student_id = s.student_id WHERE e.syear = (SELECT "
       "MAX(l.syear) FROM student_enrollment l WHERE l.student_id = s.student_id)",
       "CREATE VIEW ssrlink_portal_link AS SELECT u.username AS user_id FROM "
       "students_join_users ju JOIN staff u ON u.staff_id = ju.staff_id"}};
  const std::vector<std::pair<int, std::string>> details{
      {0, "MATERIALIZE ssrlink_portal_link"},
      {1, "SEARCH u USING INDEX sqlite_autoindex_staff_1 (syear=? AND username=?)"},
      {1, "SEARCH ju USING INDEX ssrlink_ix_users_staff (staff_id=?)"},
      {0, "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)"},
      {0, "CORRELATED SCALAR SUBQUERY 3"},
      {1, "SEARCH l USING COVERING INDEX ssrlink_ix_enrollment_student (student_id=?)"},
      {0, "SCAN l LEFT-JOIN"}};
  EXPECT_TRUE(parse_sqlite_plan(details, schema, {true, {}}).full_scans.empty());
  // Were the enrollments walked from the start, the scan would be theirs.
  EXPECT_THAT(
      tables_of(parse_sqlite_plan(details, schema, {true, {"student_enrollment"}}).full_scans),
      ElementsAre("student_enrollment"));
  // A scan inside the materialization that the bytecode walks is a table read whole.
  std::vector<std::pair<int, std::string>> unindexed = details;
  unindexed[2] = {1, "SCAN ju"};
  EXPECT_THAT(
      tables_of(parse_sqlite_plan(unindexed, schema, {true, {"students_join_users"}}).full_scans),
      ElementsAre("students_join_users"));
  // Without the bytecode the alias is taken at its word, as before.
  EXPECT_THAT(tables_of(parse_sqlite_plan(details, schema).full_scans),
              ElementsAre("student_enrollment"));
}

}  // namespace
}  // namespace ssrlink::odbc
