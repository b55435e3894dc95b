#include "mapping_verdicts.hpp"

#include <array>

#include "later_columns.hpp"
#include "mapping_values.hpp"

namespace ssrlink::core {
namespace {

constexpr std::size_t max_example_bytes = 120;
constexpr std::size_t max_message_bytes = 600;

// Where a DBA reads how to map the views.
std::string guide() {
  return "docs/dba-guide.md, section 4";
}

std::string rows(std::int64_t n, std::string_view one = "row", std::string_view many = "rows") {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

check_verdict verdict(std::string check, const view_observation &view, check_status status,
                      const std::string &message, const std::vector<std::string> &examples = {}) {
  check_verdict v{std::move(check), view.name, status, shown_plain(message, max_message_bytes), {}};
  for (const std::string &example : examples) {
    if (v.examples.size() < max_examples) {
      v.examples.push_back(shown_plain(example, max_example_bytes));
    }
  }
  return v;
}

// The check cannot run: the view or a column it reads is missing (rule 1 says which).
std::optional<check_verdict> unreadable(const std::string &check, const view_observation &view,
                                        std::initializer_list<std::string_view> columns) {
  if (!view.exists) {
    return verdict(check, view, check_status::not_checked,
                   "Not checked: the view " + view.name + " cannot be read (see \"columns\").");
  }
  for (const std::string_view column : columns) {
    if (!view.has_column(column)) {
      return verdict(check, view, check_status::not_checked,
                     "Not checked: " + view.name + " has no column " + std::string(column) +
                         " (see \"columns\").");
    }
  }
  if (!view.rows_read) {
    return verdict(
        check, view, check_status::not_checked,
        "Not checked: the rows of " + view.name + " could not be read (see \"columns\").");
  }
  return std::nullopt;
}

struct whole_numbers {
  std::string_view column;
  const tally &bad;
};

// Rule 1's sentence for missing columns: the contract's own first, then the later ones with what
// reads them and the migration (the folder of sql/ by the report's dialect).
std::string missing_sentence(const view_observation &view, const std::string &names,
                             const std::string &later_names, const later_column *later,
                             const std::string &dialect) {
  std::string message;
  if (!names.empty()) {
    message = "The view " + view.name + " has no column " + names + "; add it with that name (" +
              guide() + ").";
  }
  if (later == nullptr) {
    return message;
  }
  const std::string script = "sql/" + (dialect == "other" ? std::string("<dialect>") : dialect) +
                             "/migrations/" + std::string(later->migration);
  if (message.empty()) {
    return "The view " + view.name + " has no column " + later_names + ": " +
           std::string(later->readers) + ". Run " + script +
           " (it adds them to the reference view), or add them to your mapping (" + guide() + ").";
  }
  return message + " Nor " + later_names + ": " + std::string(later->readers) + "; " + script +
         " adds them to the reference view.";
}

// Rule 1.
check_verdict columns(const view_observation &view, std::initializer_list<whole_numbers> numbers,
                      const tally *bad_dates, std::int64_t row_count, const std::string &dialect) {
  if (!view.exists) {
    return verdict("columns", view, check_status::fail,
                   "The view " + view.name + " cannot be read: " + view.problem +
                       " Create it (install.sql) or map it (" + guide() + ").");
  }
  std::vector<std::string> missing;
  std::string names;
  std::string later_names;
  const later_column *later = nullptr;
  for (const column_observation &column : view.columns) {
    if (!column.present) {
      missing.push_back(column.name + ": " + column.problem);
      if (const later_column *found = later_column_of(view.name, column.name)) {
        later_names += (later_names.empty() ? "" : ", ") + column.name;
        later = found;
      } else {
        names += (names.empty() ? "" : ", ") + column.name;
      }
    }
  }
  if (!missing.empty()) {
    return verdict("columns", view, check_status::fail,
                   missing_sentence(view, names, later_names, later, dialect), missing);
  }
  if (!view.rows_read) {
    return verdict("columns", view, check_status::fail,
                   "The rows of " + view.name + " could not be read: " + view.read_problem);
  }
  for (const whole_numbers &number : numbers) {
    if (number.bad.count > 0) {
      return verdict("columns", view, check_status::fail,
                     view.name + " has " + rows(number.bad.count) + " whose " +
                         std::string(number.column) +
                         " is not a whole number; the plugin reads it as an integer: cast it "
                         "in the view (" +
                         guide() + ").",
                     number.bad.examples);
    }
  }
  if (bad_dates != nullptr && bad_dates->count > 0) {
    return verdict("columns", view, check_status::warn,
                   view.name + " has " + rows(bad_dates->count) +
                       " whose leave_date does not read as YYYY-MM-DD; the sweep treats those "
                       "students as not having left.",
                   bad_dates->examples);
  }
  return verdict("columns", view, check_status::pass,
                 view.name + " has every column, and its " + rows(row_count) +
                     " read the way the plugin reads them.");
}

// Rules 2 to 4.
check_verdict one_row(const std::string &check, const view_observation &view,
                      const duplicate_tally &duplicates, std::string_view key,
                      std::string_view what, std::int64_t row_count) {
  if (auto skipped = unreadable(check, view, {key})) {
    return *skipped;
  }
  if (duplicates.keys() == 0) {
    return verdict(
        check, view, check_status::pass,
        view.name + " has one row per " + std::string(what) + " (" + rows(row_count) + ").");
  }
  std::vector<std::string> examples;
  for (const auto &[k, n] : duplicates.examples()) {
    examples.push_back(k + " (" + rows(n) + ")");
  }
  return verdict(check, view, check_status::fail,
                 view.name + " has " + rows(duplicates.keys(), "key", "keys") +
                     " on more than one row; it must have one row per " + std::string(what) +
                     " (a join that repeats rows, such as one enrollment per year, is the "
                     "usual cause): " +
                     guide() + ".",
                 examples);
}

// Rule 5.
check_verdict stable(const view_observation &view, const tally &bad_sequences,
                     const tally *orphans) {
  const std::string check = "contact_sequence_stable";
  if (view.definition) {
    if (const auto function = renumbering_function(*view.definition)) {
      return verdict(check, view, check_status::fail,
                     "The view " + view.name + " numbers contacts with " + *function +
                         "(), so a contact's number changes when another contact is added or "
                         "deleted; use the host's own contact key (" +
                         guide() + ").");
    }
  }
  if (auto skipped = unreadable(check, view, {"student_id", "contact_sequence"})) {
    return *skipped;
  }
  if (bad_sequences.count > 0) {
    return verdict(check, view, check_status::fail,
                   view.name + " has " + rows(bad_sequences.count) +
                       " whose contact_sequence is NULL, not a whole number or below 1.",
                   bad_sequences.examples);
  }
  if (orphans != nullptr && orphans->count > 0) {
    return verdict(check, view, check_status::warn,
                   view.name + " has " + rows(orphans->count) +
                       " naming a contact ssrlink_contact does not have (renumbered or "
                       "deleted contacts): those accounts cannot act as them.",
                   orphans->examples);
  }
  return verdict(check, view, check_status::pass,
                 view.name +
                     " numbers contacts without a window function, every sequence is "
                     "a positive whole number" +
                     (orphans != nullptr ? " and names a contact of ssrlink_contact." : "."));
}

// Rules 7 and 9: the distinct odd values with counts.
std::vector<std::string> value_examples(const value_tally &odd, std::string_view column) {
  std::vector<std::string> out;
  for (const auto &[value, n] : odd.values) {
    out.push_back(std::string(column) + " " + shown(value) + " (" + rows(n) + ")");
  }
  return out;
}

check_verdict languages(const view_observation &view, std::string_view column,
                        const value_tally &odd) {
  if (auto skipped = unreadable("language_codes", view, {column})) {
    return *skipped;
  }
  if (odd.count == 0) {
    return verdict("language_codes", view, check_status::pass,
                   view.name + "." + std::string(column) + " holds two-digit CALPADS codes only.");
  }
  return verdict("language_codes", view, check_status::warn,
                 view.name + " has " + rows(odd.count) + " whose " + std::string(column) +
                     " is not a two-digit CALPADS code ('00' English, '01' Spanish, ...); map "
                     "the host's values onto the codes (" +
                     guide() + ").",
                 value_examples(odd, column));
}

struct flag_column {
  std::string_view name;
  const value_tally &odd;
};

check_verdict flags(const view_observation &view, std::initializer_list<flag_column> columns) {
  std::vector<std::string> examples;
  std::string counts;
  for (const flag_column &column : columns) {
    if (auto skipped = unreadable("flag_values", view, {column.name})) {
      return *skipped;
    }
    if (column.odd.count > 0) {
      counts +=
          (counts.empty() ? "" : ", ") + std::string(column.name) + " on " + rows(column.odd.count);
      for (std::string &e : value_examples(column.odd, column.name)) {
        examples.push_back(std::move(e));
      }
    }
  }
  if (counts.empty()) {
    return verdict("flag_values", view, check_status::pass,
                   "Every flag of " + view.name + " is 0, 1 or NULL.");
  }
  return verdict("flag_values", view, check_status::fail,
                 view.name + " has flags other than 0 or 1 (" + counts +
                     "); the plugin may read them wrongly: map them with CASE ... THEN 1 ELSE 0 "
                     "(" +
                     guide() + ").",
                 examples);
}

}  // namespace

std::string_view to_string(check_status status) {
  switch (status) {
    case check_status::pass:
      return "pass";
    case check_status::warn:
      return "warn";
    case check_status::fail:
      return "fail";
    case check_status::not_checked:
      return "not_checked";
  }
  return "not_checked";
}

std::vector<check_verdict> judge_views(const mapping_observations &seen) {
  const student_tally &s = seen.students;
  const contact_tally &c = seen.contacts;
  const link_tally &l = seen.links;
  std::vector<check_verdict> out;
  out.push_back(columns(seen.student_view,
                        {{"student_id", s.bad_ids}, {"grade", s.bad_grade_numbers}},
                        &s.bad_leave_dates, s.rows, seen.dialect));
  out.push_back(columns(seen.contact_view,
                        {{"student_id", c.bad_ids}, {"contact_sequence", c.bad_sequences}}, nullptr,
                        c.rows, seen.dialect));
  out.push_back(columns(seen.school_view, {}, nullptr, seen.schools.rows, seen.dialect));
  out.push_back(
      columns(seen.link_view, {{"student_id", l.bad_ids}}, nullptr, l.rows, seen.dialect));
  out.push_back(one_row("one_row_per_student", seen.student_view, s.duplicates, "student_id",
                        "student (student_id)", s.rows));
  out.push_back(one_row("one_row_per_contact", seen.contact_view, c.duplicates, "contact_sequence",
                        "contact (student_id, contact_sequence)", c.rows));
  out.push_back(one_row("one_row_per_school", seen.school_view, seen.schools.duplicates,
                        "school_code", "school (school_code)", seen.schools.rows));
  out.push_back(stable(seen.contact_view, c.bad_sequences, nullptr));
  out.push_back(
      stable(seen.link_view, l.bad_sequences, seen.orphans_checked ? &l.orphans : nullptr));
  if (auto skipped = unreadable("ssid_format", seen.student_view, {"ssid"})) {
    out.push_back(*skipped);
  } else if (s.bad_ssids.count > 0) {
    out.push_back(verdict("ssid_format", seen.student_view, check_status::warn,
                          "ssrlink_student has " + rows(s.bad_ssids.count) +
                              " whose SSID is not ten digits; ETS finds no reports for them.",
                          s.bad_ssids.examples));
  } else {
    out.push_back(verdict("ssid_format", seen.student_view, check_status::pass,
                          "Every SSID in ssrlink_student is ten digits or empty."));
  }
  out.push_back(languages(seen.student_view, "correspondence_language", s.odd_languages));
  out.push_back(languages(seen.contact_view, "language", c.odd_languages));
  if (auto skipped = unreadable("grade_values", seen.student_view, {"grade"})) {
    out.push_back(*skipped);
  } else if (s.odd_grades.count > 0) {
    out.push_back(verdict("grade_values", seen.student_view, check_status::warn,
                          "ssrlink_student has " + rows(s.odd_grades.count) +
                              " whose grade is NULL or outside -1 (TK) to 12; map the host's "
                              "grades onto that range (" +
                              guide() + ").",
                          s.odd_grades.examples));
  } else {
    out.push_back(verdict("grade_values", seen.student_view, check_status::pass,
                          "Every grade in ssrlink_student is from -1 (TK) to 12."));
  }
  out.push_back(flags(seen.student_view, {{"do_not_release", s.odd_do_not_release},
                                          {"hide_contact", s.odd_hide_contact}}));
  out.push_back(flags(seen.contact_view, {{"educational_rights", c.odd_educational_rights},
                                          {"hide_contact", c.odd_hide_contact}}));
  return out;
}

}  // namespace ssrlink::core
