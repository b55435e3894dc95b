#include "odbc/student_directory.hpp"

#include "odbc/column_values.hpp"

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

// The binding reads no flag. Three statements, so a database mapped before portal accounts
// (schema version 3) still serves staff and teachers, and fails parents and students with a
// sentence naming what is missing. A deleted contact has no ssrlink_contact row, so its link
// comes back with a NULL sequence and is left out.
constexpr const char *school_binding_sql =
    "SELECT s.student_id, s.school_code FROM ssrlink_student s "
    "WHERE s.student_id = CAST(? AS BIGINT)";
constexpr const char *student_binding_sql =
    "SELECT s.student_id, s.school_code, s.portal_user FROM ssrlink_student s "
    "WHERE s.student_id = CAST(? AS BIGINT)";
constexpr const char *parent_binding_sql =
    "SELECT s.student_id, s.school_code, c.contact_sequence, c.educational_rights "
    "FROM ssrlink_student s "
    "LEFT JOIN ssrlink_portal_link l ON l.student_id = s.student_id AND l.user_id = ? "
    "LEFT JOIN ssrlink_contact c "
    "ON c.student_id = l.student_id AND c.contact_sequence = l.contact_sequence "
    "WHERE s.student_id = CAST(? AS BIGINT) ORDER BY c.contact_sequence";

}  // namespace

odbc_student_directory::odbc_student_directory(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

std::optional<core::student_binding> odbc_student_directory::find_binding(
    const core::binding_query &query) {
  static const db_action school_action{"look up the student's school",
                                       {{"ssrlink_student", "view"}}};
  static const db_action student_action{"look up the student's portal account",
                                        {{"ssrlink_student", "view"}},
                                        {{"ssrlink_student", "portal_user", "0003_viewers.sql"}}};
  static const db_action parent_action{"look up the parent's portal links",
                                       {{"ssrlink_portal_link", "view", "0003_viewers.sql"},
                                        {"ssrlink_student", "view"},
                                        {"ssrlink_contact", "view"}}};
  const bool parent = query.kind == core::binding_kind::parent_account;
  const bool student = query.kind == core::binding_kind::student_account;
  const db_action &action = parent ? parent_action : student ? student_action : school_action;
  std::optional<core::student_binding> found;
  pool_->run(action, [&](connection &c) {
    found.reset();
    statement &s = c.prepare(parent    ? parent_binding_sql
                             : student ? student_binding_sql
                                       : school_binding_sql);
    if (parent) {
      s.execute({parameter::of(query.user_id), parameter::of(query.student_id)});
    } else {
      s.execute({parameter::of(query.student_id)});
    }
    while (s.fetch()) {
      if (!found) {
        core::student_binding b;
        b.student_id = s.integer(1).value_or(query.student_id);
        b.school_code = s.text(2).value_or("");
        if (student) {
          b.portal_user = s.text(3).value_or("");
        }
        found = std::move(b);
      }
      if (parent) {
        if (const std::optional<std::int64_t> sequence = s.integer(3)) {
          found->linked_contacts.push_back({static_cast<int>(*sequence), flag(s.integer(4))});
        }
      } else {
        break;  // one row per student; the rest would be a mapping error, not ours to read
      }
    }
    s.close();
  });
  return found;
}

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
