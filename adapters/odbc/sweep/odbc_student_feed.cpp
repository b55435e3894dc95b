#include "odbc/sweep/odbc_student_feed.hpp"

#include <algorithm>

#include "odbc/column_values.hpp"
#include "odbc/statement.hpp"

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

constexpr const char *students_sql =
    "SELECT s.student_id, s.school_code, s.ssid, s.do_not_release, s.hide_contact, s.tag, "
    "CAST(s.leave_date AS VARCHAR(10)), k.name "
    "FROM ssrlink_student s LEFT JOIN ssrlink_school k ON k.school_code = s.school_code "
    "WHERE s.student_id BETWEEN CAST(? AS BIGINT) AND CAST(? AS BIGINT)";

}  // namespace

std::vector<core::student_range> odbc_student_feed::plan_ranges(
    const std::optional<std::string> &school, unsigned batch_size) {
  std::vector<std::int64_t> ids;
  pool_.run(read_students(), [&](connection &c) {
    ids.clear();
    statement &s = c.prepare(std::string("SELECT student_id FROM ssrlink_student") +
                             (school ? " WHERE school_code = ?" : "") + " ORDER BY student_id");
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

std::vector<core::sweep_student> odbc_student_feed::students(
    const core::student_range &range, const std::optional<std::string> &school) {
  std::vector<core::sweep_student> out;
  pool_.run(read_students(), [&](connection &c) {
    out.clear();
    statement &s = c.prepare(std::string(students_sql) + (school ? " AND s.school_code = ?" : "") +
                             " ORDER BY s.student_id");
    std::vector<parameter> params{parameter::of(range.first_id), parameter::of(range.last_id)};
    if (school) {
      params.push_back(parameter::of(*school));
    }
    s.execute(std::move(params));
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
    statement &s = c.prepare(
        "SELECT contact_sequence, email, educational_rights, language, hide_contact "
        "FROM ssrlink_contact WHERE student_id = CAST(? AS BIGINT) ORDER BY contact_sequence");
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
