// Every sentence and label of the Manager (sweep/manager_html.hpp), the staff table of the
// notification log, in English and Spanish; and the readable dates it shows. The language is the
// report page's (ui_text.hpp: parse_ui_language), so a host passes the same code to both.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "ui_text.hpp"

namespace ssrlink::core {

enum class manager_text {
  heading,
  caption,
  // The filter form: one label per field, and its button.
  filter_school,
  filter_tag,
  filter_leave_before,
  filter_not_viewed,
  filter_no_email,
  filter_submit,
  // The table's column headers, also the labels of a row stacked on a narrow screen.
  column_student,
  column_school,
  column_test,
  column_year,
  column_found,
  column_emailed,
  column_viewed,
  column_notice,
  // What a cell says when there is no date, from the row's notice state.
  not_yet,             // not emailed (queued or partial, not sent yet) or not viewed
  no_usable_email,     // notice_state::no_email
  no_notice,           // notice_state::none: not a newly Final report in a notifying year
  some_without_email,  // notice_state::partial, after the emailed date
  preliminary,         // after the test's name when the report is not Final yet
  // The row's form.
  send_notice,
  send_notice_for,  // the rest of the button's accessible name: "{student}, {test} {year}"
  unnamed_student,  // "Student {id}", when the feed has no name
  // Around the table.
  range,           // "Reports {first} to {last}"
  empty_log,       // nothing at all, no filter given
  empty_filtered,  // nothing matches the filters
  empty_page,      // a page past the end
  pages_label,
  previous_page,
  next_page,
  count_  // not a text: the number of texts
};

// The text in `language`; never empty.
std::string_view text(manager_text id, ui_language language);

// A day as staff read it: "Nov 23, 2026" in English, "23 nov 2026" in Spanish.
std::string readable_day(std::chrono::year_month_day day, ui_language language);

}  // namespace ssrlink::core
