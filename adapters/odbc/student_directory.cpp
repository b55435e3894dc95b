#include "odbc/student_directory.hpp"

namespace ssrlink::odbc {
namespace {

// A NULL contact sequence matches no contact, so one statement serves staff and parents alike.
// The casts keep an ID beyond the host's column type (an INTEGER on PostgreSQL) a plain "no such
// student" instead of an out-of-range error.
constexpr const char *find_sql =
    "SELECT s.student_id, s.school_code, s.ssid, s.correspondence_language, s.grade, "
    "s.do_not_release, s.hide_contact, c.contact_sequence, c.hide_contact, "
    "c.educational_rights, c.email, c.language "
    "FROM ssrlink_student s LEFT JOIN ssrlink_contact c "
    "ON c.student_id = s.student_id AND c.contact_sequence = CAST(? AS BIGINT) "
    "WHERE s.student_id = CAST(? AS BIGINT)";

bool flag(std::optional<std::int64_t> value) {
  return value.value_or(0) != 0;
}

}  // namespace

odbc_student_directory::odbc_student_directory(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

std::optional<core::student_facts> odbc_student_directory::find_student(
    const core::student_query &query) {
  static const db_action action{"look up the student",
                                {{"ssrlink_student", "view"}, {"ssrlink_contact", "view"}}};
  std::optional<core::student_facts> found;
  pool_->run(action, [&](connection &c) {
    found.reset();
    statement &s = c.prepare(find_sql);
    std::optional<std::int64_t> sequence;
    if (query.contact_sequence) {
      sequence = *query.contact_sequence;
    }
    s.execute({parameter::of(sequence), parameter::of(query.student_id)});
    if (s.fetch()) {
      core::student_facts f;
      f.student_id = s.integer(1).value_or(query.student_id);
      f.school_code = s.text(2).value_or("");
      f.ssid = s.text(3).value_or("");
      f.correspondence_language = s.text(4).value_or("");
      f.grade = static_cast<int>(s.integer(5).value_or(0));
      f.do_not_release = flag(s.integer(6));
      f.hide_contact = flag(s.integer(7));
      if (const std::optional<std::int64_t> seq = s.integer(8)) {
        core::contact_facts contact;
        contact.sequence = static_cast<int>(*seq);
        contact.hide_contact = flag(s.integer(9));
        contact.educational_rights = flag(s.integer(10));
        contact.email = s.text(11).value_or("");
        contact.language = s.text(12).value_or("");
        f.contact = std::move(contact);
      }
      found = std::move(f);
    }
    s.close();
  });
  return found;
}

}  // namespace ssrlink::odbc
