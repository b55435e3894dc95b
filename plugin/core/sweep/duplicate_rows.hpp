// Rows that share a key, in a list a view returned sorted by that key: how the sweep notices a
// mapping that gives one student (or one contact) several rows, as a join on one enrollment row
// per school year does. Pure and header-only, so the rule is testable without a database.
//
// The sweep cannot tell which of such rows is right (they may name different schools, flags or
// addresses), so it acts on none of them: range_check.hpp skips the student and says why.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ssrlink::core {

// rows[begin, begin + size) share one key.
struct key_run {
  std::size_t begin = 0;
  std::size_t size = 0;
  bool operator==(const key_run &) const = default;
};

// Every run of equal keys, in order: a key on one row is a run of size 1. `rows` must be sorted
// by key (the views' statements order by it); equal keys apart from each other are separate runs.
template <class Row, class KeyOf>
std::vector<key_run> key_runs(const std::vector<Row> &rows, KeyOf key_of) {
  std::vector<key_run> runs;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (runs.empty() || !(key_of(rows[runs.back().begin]) == key_of(rows[i]))) {
      runs.push_back({i, 0});
    }
    ++runs.back().size;
  }
  return runs;
}

// The runs of more than one row only.
template <class Row, class KeyOf>
std::vector<key_run> duplicate_runs(const std::vector<Row> &rows, KeyOf key_of) {
  std::vector<key_run> runs = key_runs(rows, key_of);
  std::erase_if(runs, [](const key_run &run) { return run.size < 2; });
  return runs;
}

// The sentence a DBA reads when `view` has `rows` rows for one key (`key`, e.g. "student_id
// 1004"): what the sweep did (`what_was_done`) and how to find every such key.
inline std::string duplicate_rows_message(const std::string &view, std::size_t rows,
                                          const std::string &key, const std::string &what_was_done,
                                          const std::string &one_row_per) {
  return "The view " + view + " has " + std::to_string(rows) + " rows for " + key + "; " +
         what_was_done + ". It must have one row per " + one_row_per +
         ": see docs/dba-guide.md, \"One row per " + one_row_per +
         "\", and run ssrlink-host check-mapping.";
}

}  // namespace ssrlink::core
