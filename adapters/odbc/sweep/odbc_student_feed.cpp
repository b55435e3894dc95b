#include "odbc/sweep/odbc_student_feed.hpp"

#include <algorithm>

#include "odbc/column_values.hpp"
#include "odbc/statement.hpp"
#include "odbc/view_statements.hpp"

namespace ssrlink::odbc {
namespace {

// What each statement group touches, for the sentence a person reads when it fails. Functions,
// not globals: building them allocates, and a failure before main() could not be caught.
const db_action &read_students() {
  static const db_action action{"read the students for the sweep",
                                {{"ssrlink_student", "view"}, {"ssrlink_school", "view"}}};
  return action;
}

const db_action &read_contacts() {
  static const db_action action{"read the student's contacts", {{"ssrlink_contact", "view"}}};
  return action;
}

}  // namespace

std::vector<core::student_range> odbc_student_feed::plan_ranges(
    const std::optional<std::string> &school, unsigned batch_size) {
  std::vector<std::int64_t> ids;
  pool_.run(read_students(), [&](connection &c) {
    ids.clear();
    statement &s = c.prepare(
        std::string(school ? statements::sweep_school_student_ids : statements::sweep_student_ids));
    if (school) {
      s.execute({parameter::of(*school)});
    } else {
      s.execute(std::vector<parameter>{});
    }
    while (s.fetch()) {
      if (const auto id = s.integer(1)) {
        ids.push_back(*id);
      }
    }
    s.close();
  });
  // The view does not promise one row per student; a range counts students, not rows.
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<core::student_range> ranges;
  const std::size_t size = std::max(1u, batch_size);
  for (std::size_t i = 0; i < ids.size(); i += size) {
    ranges.push_back({ids[i], ids[std::min(i + size, ids.size()) - 1]});
  }
  return ranges;
}

std::vector<core::sweep_student> odbc_student_feed::students(const core::student_range &range) {
  std::vector<core::sweep_student> out;
  pool_.run(read_students(), [&](connection &c) {
    out.clear();
    statement &s = c.prepare(std::string(statements::sweep_students));
    s.execute({parameter::of(range.first_id), parameter::of(range.last_id)});
    // Every row as the view gives it, a student on two rows twice and side by side (the
    // statement orders by student_id): the core skips such a student with a warning naming it,
    // which it could not do if the rows were merged here.
    while (s.fetch()) {
      core::sweep_student st;
      st.student_id = s.integer(1).value_or(0);
      st.school_code = s.text(2).value_or("");
      st.ssid = s.text(3).value_or("");
      st.do_not_release = flag(s.integer(4));
      st.hide_contact = flag(s.integer(5));
      st.tag = s.text(6).value_or("");
      if (const auto day = s.text(7)) {
        core::day_point d{};
        if (core::parse_day(day->substr(0, 10), d)) {
          st.leave_date = d;
        }
      }
      st.school_name = s.text(8).value_or("");
      out.push_back(std::move(st));
    }
    s.close();
  });
  return out;
}

std::vector<core::contact_facts> odbc_student_feed::contacts(std::int64_t student_id) {
  std::vector<core::contact_facts> out;
  pool_.run(read_contacts(), [&](connection &c) {
    out.clear();
    statement &s = c.prepare(std::string(statements::sweep_contacts));
    s.execute({parameter::of(student_id)});
    while (s.fetch()) {
      core::contact_facts f;
      f.sequence = static_cast<int>(s.integer(1).value_or(0));
      f.email = s.text(2).value_or("");
      f.educational_rights = flag(s.integer(3));
      f.language = s.text(4).value_or("");
      f.hide_contact = flag(s.integer(5));
      out.push_back(std::move(f));
    }
    s.close();
  });
  return out;
}

}  // namespace ssrlink::odbc
