#include "mapping_observations.hpp"

#include <algorithm>

#include "mapping_values.hpp"

namespace ssrlink::core {
namespace {

// A row's key for examples: the text as the database gave it, NULL spelled out. The verdicts
// escape it before showing it.
std::string key_text(const cell &value) {
  return value ? *value : std::string("NULL");
}

// Counts `value` in `bad` unless it is a whole number (NULL included when `null_is_bad`).
void check_whole(tally &bad, const cell &value, bool null_is_bad, const std::string &example) {
  if (value ? !whole_number(*value).has_value() : null_is_bad) {
    bad.add(example);
  }
}

void check_flag(value_tally &odd, const cell &value) {
  if (!is_flag(value)) {
    odd.add(value);
  }
}

void check_language(value_tally &odd, const cell &value) {
  if (!value || !is_language_code(*value)) {
    odd.add(value);
  }
}

void check_sequence(tally &bad, const cell &student_id, const cell &sequence) {
  const std::optional<std::int64_t> number = sequence ? whole_number(*sequence) : std::nullopt;
  if (!number || *number < 1) {
    bad.add("student_id " + key_text(student_id) + ": contact_sequence " + shown(sequence));
  }
}

}  // namespace

void tally::add(std::string example) {
  ++count;
  if (examples.size() < max_examples) {
    examples.push_back(std::move(example));
  }
}

void value_tally::add(const cell &value) {
  ++count;
  const auto known = std::find_if(values.begin(), values.end(),
                                  [&](const auto &entry) { return entry.first == value; });
  if (known != values.end()) {
    ++known->second;
  } else if (values.size() < max_distinct_values) {
    values.emplace_back(value, 1);
  }
}

void duplicate_tally::see(const std::string &key) {
  if (run_ == 0 || key != last_) {
    last_ = key;
    run_ = 1;
    kept_ = false;
    return;
  }
  ++run_;
  if (run_ == 2) {
    ++keys_;
    kept_ = examples_.size() < max_examples;
    if (kept_) {
      examples_.emplace_back(last_, run_);
    }
  } else if (kept_) {
    examples_.back().second = run_;
  }
}

bool view_observation::has_column(std::string_view column) const {
  return exists && std::any_of(columns.begin(), columns.end(), [&](const column_observation &c) {
           return c.name == column && c.present;
         });
}

void student_tally::add(const student_row &row) {
  ++rows;
  const std::string id = "student_id " + key_text(row.student_id);
  duplicates.see(id);
  check_whole(bad_ids, row.student_id, true, "student_id " + shown(row.student_id));
  if (row.grade) {
    if (const std::optional<std::int64_t> grade = whole_number(*row.grade)) {
      if (!is_grade(*grade)) {
        odd_grades.add(id + ": grade " + *row.grade);
      }
    } else {
      bad_grade_numbers.add(id + ": grade " + shown(row.grade));
    }
  } else {
    odd_grades.add(id + ": grade NULL");
  }
  if (row.leave_date && !is_day(*row.leave_date)) {
    bad_leave_dates.add(id + ": leave_date " + shown(row.leave_date));
  }
  // The SSID itself never leaves the database: the example is the student's ID.
  if (row.ssid && !row.ssid->empty() && !is_ssid(*row.ssid)) {
    bad_ssids.add(id);
  }
  check_language(odd_languages, row.correspondence_language);
  check_flag(odd_do_not_release, row.do_not_release);
  check_flag(odd_hide_contact, row.hide_contact);
}

void contact_tally::add(const contact_row &row) {
  ++rows;
  duplicates.see("student_id " + key_text(row.student_id) + ", contact_sequence " +
                 key_text(row.contact_sequence));
  check_whole(bad_ids, row.student_id, true, "student_id " + shown(row.student_id));
  check_sequence(bad_sequences, row.student_id, row.contact_sequence);
  check_language(odd_languages, row.language);
  check_flag(odd_educational_rights, row.educational_rights);
  check_flag(odd_hide_contact, row.hide_contact);
}

void school_tally::add(const school_row &row) {
  ++rows;
  duplicates.see("school_code " + shown(row.school_code));
}

void link_tally::add(const link_row &row) {
  ++rows;
  check_whole(bad_ids, row.student_id, true, "student_id " + shown(row.student_id));
  check_sequence(bad_sequences, row.student_id, row.contact_sequence);
}

void link_tally::add_orphan(const cell &student_id, const cell &contact_sequence) {
  orphans.add("student_id " + key_text(student_id) + ", contact_sequence " +
              key_text(contact_sequence));
}

}  // namespace ssrlink::core
