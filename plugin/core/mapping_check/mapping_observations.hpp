// What the mapping inspector saw in the ssrlink_* views: plain values, filled by the adapter and
// judged by mapping_verdicts.hpp. The inspector streams every row through the tallies below
// (rows in key order, so a key on two rows comes up twice in a row) and keeps counts and at most
// max_examples examples, never the rows: a district of 500,000 students costs a few kilobytes.
//
// Every text here is raw database text (possibly invalid UTF-8, control characters, 10 KB long):
// the verdicts escape and clip it before it reaches a report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssrlink::core {

// Examples kept of anything counted; distinct odd values kept per column.
inline constexpr std::size_t max_examples = 5;
inline constexpr std::size_t max_distinct_values = 10;

// A column value read as text, the way every column reads; nullopt is NULL.
using cell = std::optional<std::string>;

// A count with the first max_examples things counted.
struct tally {
  std::int64_t count = 0;
  std::vector<std::string> examples;
  void add(std::string example);
};

// Distinct values with how often each occurs: the first max_distinct_values values are kept,
// later ones are counted in `count` only. A NULL is kept as nullopt.
struct value_tally {
  std::int64_t count = 0;
  std::vector<std::pair<cell, std::int64_t>> values;
  void add(const cell &value);
};

// Keys on more than one row, seen in key order: `see` once per row.
class duplicate_tally {
 public:
  void see(const std::string &key);
  std::int64_t keys() const noexcept { return keys_; }  // keys on two rows or more
  // The first max_examples such keys with their row counts.
  const std::vector<std::pair<std::string, std::int64_t>> &examples() const noexcept {
    return examples_;
  }

 private:
  std::int64_t keys_ = 0;
  std::vector<std::pair<std::string, std::int64_t>> examples_;
  std::string last_;
  std::int64_t run_ = 0;
  bool kept_ = false;  // the current run is the last example
};

// One row of ssrlink_student, every column as text (leave_date as the plugin casts it,
// CAST(leave_date AS VARCHAR(10))). A missing column reads as NULL; its view_observation says so.
struct student_row {
  cell student_id, school_code, ssid, correspondence_language, grade, do_not_release, hide_contact,
      tag, leave_date, portal_user;
};
struct contact_row {
  cell student_id, contact_sequence, email, educational_rights, language, hide_contact;
};
struct school_row {
  cell school_code, name, cds;
};
struct link_row {
  cell user_id, student_id, contact_sequence;
};

// Column by column, what a view's rows hold. Examples name the row by its key and say what is
// wrong ("student_id 1004: grade 'KG'"), never anything about a flag: which students carry Do
// Not Release is nobody's business in a report.
struct student_tally {
  std::int64_t rows = 0;
  duplicate_tally duplicates;  // student_id
  tally bad_ids;               // student_id NULL or not a whole number (the text)
  tally bad_grade_numbers;     // grade not NULL and not a whole number
  tally bad_leave_dates;       // leave_date not NULL and not YYYY-MM-DD
  tally bad_ssids;             // a non-empty SSID that is not ten digits: the student_id only
  tally odd_grades;            // NULL or a whole number outside -1..12
  value_tally odd_languages;   // correspondence_language that is not a CALPADS code
  value_tally odd_do_not_release, odd_hide_contact;  // flags other than 0, 1 or NULL
  void add(const student_row &row);
};

struct contact_tally {
  std::int64_t rows = 0;
  duplicate_tally duplicates;  // (student_id, contact_sequence)
  tally bad_ids;               // student_id NULL or not a whole number
  tally bad_sequences;         // contact_sequence NULL, not a whole number, or below 1
  value_tally odd_languages;
  value_tally odd_educational_rights, odd_hide_contact;
  void add(const contact_row &row);
};

struct school_tally {
  std::int64_t rows = 0;
  duplicate_tally duplicates;  // school_code
  void add(const school_row &row);
};

struct link_tally {
  std::int64_t rows = 0;
  tally bad_ids;        // student_id NULL or not a whole number
  tally bad_sequences;  // contact_sequence NULL, not a whole number, or below 1
  tally orphans;        // links naming a contact ssrlink_contact lacks
  void add(const link_row &row);
  void add_orphan(const cell &student_id, const cell &contact_sequence);
};

// A view as a whole: whether it can be read at all, which contract columns it lacks, and the
// database's own sentences when reading failed.
struct column_observation {
  std::string name;
  bool present = true;
  std::string problem;  // the database's sentence when the probe failed
};

struct view_observation {
  std::string name;  // "ssrlink_student"
  bool exists = true;
  std::string problem;  // the database's sentence when the view cannot be read at all
  std::vector<column_observation> columns;
  bool rows_read = false;                 // the rows were streamed through the tally
  std::string read_problem;               // the database's sentence when streaming them failed
  std::optional<std::string> definition;  // the view's SQL when the dialect can show it

  bool has_column(std::string_view column) const;
};

// One base-table scan a plan reads whole, with the condition the plan applies to it when it
// says (PostgreSQL's "Filter", a join's condition), which tells the DBA what to index.
struct table_scan {
  std::string table;
  std::string condition;
};

// One EXPLAINed statement (adapters/odbc/view_statements.hpp, in its order).
struct statement_observation {
  std::string name, purpose, sql;
  std::vector<std::string> parameters;  // what its markers stand for: "student_id", "user_id"
  bool explained = false;               // false: not asked (dialect) or the EXPLAIN failed
  std::string problem;                  // the database's sentence when the EXPLAIN failed
  std::vector<std::string> plan;        // the plan, one line per node
  std::vector<table_scan> full_scans;
};

struct mapping_observations {
  std::string dialect;           // "sqlite", "postgresql", "sqlserver" or "other"
  bool plans_supported = false;  // the inspector can EXPLAIN on this dialect
  view_observation student_view, contact_view, school_view, link_view;
  student_tally students;
  contact_tally contacts;
  school_tally schools;
  link_tally links;
  bool orphans_checked = false;  // links were matched against ssrlink_contact
  // Base tables behind ssrlink_school but not behind ssrlink_student or ssrlink_contact: a
  // district has a few dozen schools, so reading them whole costs nothing.
  std::vector<std::string> school_tables;
  std::optional<std::int64_t> sample_student_id;  // the student the statements were EXPLAINed with
  std::vector<statement_observation> statements;
};

}  // namespace ssrlink::core
