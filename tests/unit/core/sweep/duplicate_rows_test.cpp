// Runs of equal keys in a sorted list, and the sentence a DBA reads about them: the pure part of
// the sweep's duplicate-row rule (range_check.hpp, rules 2 and 8).
#include "core/sweep/duplicate_rows.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ssrlink::core {
namespace {

int identity(int value) {
  return value;
}

TEST(KeyRuns, EveryKeyIsARunInOrder) {
  const std::vector<int> ids{1, 2, 2, 3, 4, 4, 4};
  EXPECT_EQ(key_runs(ids, identity), (std::vector<key_run>{{0, 1}, {1, 2}, {3, 1}, {4, 3}}));
  EXPECT_EQ(duplicate_runs(ids, identity), (std::vector<key_run>{{1, 2}, {4, 3}}));
}

TEST(KeyRuns, EmptyAndSingleLists) {
  EXPECT_TRUE(key_runs(std::vector<int>{}, identity).empty());
  EXPECT_TRUE(duplicate_runs(std::vector<int>{}, identity).empty());
  EXPECT_EQ(key_runs(std::vector<int>{7}, identity), (std::vector<key_run>{{0, 1}}));
  EXPECT_TRUE(duplicate_runs(std::vector<int>{7}, identity).empty());
}

TEST(KeyRuns, NoDuplicatesNoRuns) {
  EXPECT_TRUE(duplicate_runs(std::vector<int>{1, 2, 3, 5, 8}, identity).empty());
}

TEST(KeyRuns, EveryRowTheSameIsOneRun) {
  EXPECT_EQ(duplicate_runs(std::vector<int>{5, 5, 5, 5}, identity), (std::vector<key_run>{{0, 4}}));
}

TEST(KeyRuns, TheKeyIsWhatTheProjectionReturns) {
  struct row {
    long long id;
    std::string school;
  };
  // One student, two schools: the key is the ID, not the row.
  const std::vector<row> rows{{1004, "A"}, {1004, "B"}, {1005, "A"}};
  const std::vector<key_run> runs = duplicate_runs(rows, [](const row &r) { return r.id; });
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(rows[runs[0].begin].id, 1004);
  EXPECT_EQ(runs[0].size, 2u);
}

TEST(DuplicateRowsMessage, NamesTheViewTheKeyAndWhereToRead) {
  EXPECT_EQ(duplicate_rows_message("ssrlink_student", 2, "student_id 1004",
                                   "the sweep skipped the student", "student"),
            "The view ssrlink_student has 2 rows for student_id 1004; the sweep skipped the "
            "student. It must have one row per student: see docs/dba-guide.md, \"One row per "
            "student\", and run ssrlink-host check-mapping.");
}

}  // namespace
}  // namespace ssrlink::core
