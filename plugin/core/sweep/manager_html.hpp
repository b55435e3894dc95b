// The Manager: the notification log as an HTML fragment for the host's staff page
// (ssrlink_notifications_list with "html", docs/abi.md). A pure function of the listed rows, the
// request's filters and the host's form settings (manager_request.hpp), tested without a
// database. No JavaScript; no id attribute (a label wraps its input), so the fragment can sit on
// any page.
//
// Structure:
//   <section class="ssrlink ssrlink-manager" lang="..">
//     <h2> heading
//     the filter form (manager_controls.hpp): GET, no action (the page it is on), every
//       "hidden" field, the limit, and one labelled field per filter (school, tag, leave_before,
//       not_viewed, no_email) holding the request's value; it starts again at the first row
//     "Reports 1 to 25" and the table, or, with no row, one sentence saying why: nothing found
//       yet, nothing matches the filters, or no more rows past the last page
//     the paging links (<nav>, manager_controls.hpp), when there is a page before or after
//   </section>
//
// Rules of the table (in this order):
//  1. <caption>, then one <th scope="col"> per column: student, school, test, year, found,
//     emailed, viewed, notice. Rows in the order given (the Manager order, sweep_records.hpp).
//  2. The student is the row's header (<th scope="row">): "last, first"; one of them alone when
//     the other is empty; "Student 1004" when both are.
//  3. The test is named by the catalogue in the fragment's language, with "(Preliminary)" when
//     the report is.
//  4. Found, emailed and viewed are days ("Nov 23, 2026", "23 nov 2026") in the district's time
//     zone when one is given (UTC otherwise), inside <time datetime="2026-11-23T02:00:00Z">.
//  5. Without an emailed date the cell says why, from the notice state: no usable email
//     (no_email), no notice (none: not a newly Final report), not yet (queued or partial). An
//     emailed partial adds that some guardians have no usable email. Without a viewed date:
//     not yet.
//  6. The notice cell holds one POST form to action_url: student_id, report_key and every
//     "hidden" field, and a "Send notice" button whose accessible name goes on with the student,
//     test and year (visually hidden), so each of many buttons says which it is.
//  7. Every cell carries data-label (its column's header), which the stylesheet shows on a
//     narrow screen, where each row stacks into a labelled block instead of scrolling sideways.
//  8. Every value from the database or the request is clipped (clipped_text) when shown and
//     escaped (html_escape); URLs are escaped too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../i18n/manager_text.hpp"
#include "manager_request.hpp"
#include "sweep_records.hpp"
#include "time_zone.hpp"

namespace ssrlink::core {

struct manager_view {
  manager_form form;               // action_url, hidden fields, language
  log_filter filter;               // the request's filters, offset and limit
  std::vector<log_entry> entries;  // one page, in the order to show
  bool more = false;               // another page follows
  std::optional<time_zone> zone;   // the district's, for days; UTC when none
};

std::string render_manager(const manager_view &view);

}  // namespace ssrlink::core
