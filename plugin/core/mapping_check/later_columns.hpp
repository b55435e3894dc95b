// Contract columns a later schema version added to a view. A view mapped before them serves
// every read that does not need them, so check-mapping (mapping_verdicts.hpp, rule 1) tells a
// DBA what reads them and which migration adds them to the reference view, not only that they
// are missing.
#pragma once

#include <array>
#include <string_view>

namespace ssrlink::core {

struct later_column {
  std::string_view view, column;
  std::string_view migration;  // the file of sql/<dialect>/migrations/ that adds it
  std::string_view readers;    // who reads it, and who does not
};

inline constexpr std::string_view names_readers =
    "only the Manager (the staff list with names) and the family page (a parent's students) read "
    "them; pages for one student and sweeps work without them";

inline constexpr std::array<later_column, 2> later_columns{{
    {"ssrlink_student", "first_name", "0006_student_names.sql", names_readers},
    {"ssrlink_student", "last_name", "0006_student_names.sql", names_readers},
}};

// The entry for `column` of `view`, or nullptr for a column of the first contract.
constexpr const later_column *later_column_of(std::string_view view, std::string_view column) {
  for (const later_column &later : later_columns) {
    if (later.view == view && later.column == column) {
      return &later;
    }
  }
  return nullptr;
}

}  // namespace ssrlink::core
