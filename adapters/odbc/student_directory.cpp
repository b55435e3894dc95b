#include "odbc/student_directory.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "odbc/column_values.hpp"
#include "odbc/view_statements.hpp"

namespace ssrlink::odbc {
namespace {

// Rule 1 of the header. The sentence names the view, the ID and the section of the guide that
// says how to map it; the detail says which read saw it, for the log.
[[noreturn]] void throw_duplicate_student(std::int64_t student_id, std::int64_t rows,
                                          std::string_view seen_by) {
  throw core::failure(core::status::database,
                      "The view ssrlink_student has " + std::to_string(rows) +
                          " rows for student_id " + std::to_string(student_id) +
                          "; it must have one row per student (docs/dba-guide.md, \"One row per "
                          "student\"). Check the mapping with ssrlink-host check-mapping.",
                      "seen by " + std::string(seen_by));
}

// Rule 2 of the header.
[[noreturn]] void throw_duplicate_contact(std::int64_t student_id, int sequence, std::int64_t rows,
                                          std::string_view seen_by) {
  throw core::failure(core::status::database,
                      "The view ssrlink_contact has " + std::to_string(rows) +
                          " rows for (student_id, contact_sequence) " + std::to_string(student_id) +
                          ", " + std::to_string(sequence) +
                          "; it must have one row per contact (docs/dba-guide.md, \"One row per "
                          "contact\"). Check the mapping with ssrlink-host check-mapping.",
                      "seen by " + std::string(seen_by));
}

// One of the diagnostic COUNTs (statements::count_student_rows, count_contact_rows).
std::int64_t count_rows(connection &c, std::string_view sql, std::vector<parameter> params) {
  statement &s = c.prepare(std::string(sql));
  s.execute(std::move(params));
  std::int64_t rows = 0;
  if (s.fetch()) {
    rows = s.integer(1).value_or(0);
  }
  s.close();
  return rows;
}

std::int64_t count_student_rows(connection &c, std::int64_t student_id) {
  return count_rows(c, statements::count_student_rows, {parameter::of(student_id)});
}

// Staff, teachers, administrators and students: at most one row, the student's.
std::optional<core::student_binding> read_school_binding(connection &c,
                                                         const core::binding_query &query,
                                                         bool with_portal_user) {
  statement &s = c.prepare(
      std::string(with_portal_user ? statements::student_binding : statements::staff_binding));
  s.execute({parameter::of(query.student_id)});
  if (!s.fetch()) {
    s.close();
    return std::nullopt;
  }
  core::student_binding b;
  b.student_id = s.integer(1).value_or(query.student_id);
  b.school_code = s.text(2).value_or("");
  if (with_portal_user) {
    b.portal_user = s.text(3).value_or("");
  }
  // Rule 1 costs a correct view one more fetch, which answers "no more rows" from what the
  // driver already holds; a view that does have more rows for the student is counted out here,
  // as the statement selects only this student's rows.
  std::int64_t rows = 1;
  while (s.fetch()) {
    ++rows;
  }
  s.close();
  if (rows > 1) {
    throw_duplicate_student(query.student_id, rows,
                            with_portal_user ? "page_student_binding" : "page_staff_binding");
  }
  return b;
}

// Parents: one row per link of the account to the student (a NULL sequence when there is none,
// or when the linked contact was deleted), ascending by contact sequence.
std::optional<core::student_binding> read_parent_binding(connection &c,
                                                         const core::binding_query &query) {
  statement &s = c.prepare(std::string(statements::parent_binding));
  s.execute({parameter::of(query.user_id), parameter::of(query.student_id)});
  std::optional<core::student_binding> found;
  std::vector<int> repeated;        // sequences seen on more than one row
  std::size_t without_contact = 0;  // rows whose link found no contact, or with no link at all
  while (s.fetch()) {
    if (!found) {
      core::student_binding b;
      b.student_id = s.integer(1).value_or(query.student_id);
      b.school_code = s.text(2).value_or("");
      found = std::move(b);
    }
    const std::optional<std::int64_t> sequence = s.integer(3);
    if (!sequence) {
      ++without_contact;
      continue;
    }
    const int seq = static_cast<int>(*sequence);
    std::vector<core::linked_contact> &contacts = found->linked_contacts;
    if (std::any_of(contacts.begin(), contacts.end(),
                    [&](const core::linked_contact &l) { return l.sequence == seq; })) {
      if (std::find(repeated.begin(), repeated.end(), seq) == repeated.end()) {
        repeated.push_back(seq);
      }
      continue;  // rule 3: the contact is kept once
    }
    contacts.push_back({seq, flag(s.integer(4))});
  }
  s.close();
  // Rule 4: an account linked to no contact of the student is refused as "not linked" by the
  // access policy, never told of a broken mapping, which would tell it the student exists.
  if (!found || found->linked_contacts.empty() || (repeated.empty() && without_contact <= 1)) {
    return found;
  }
  // Rows repeated. A student on two ssrlink_student rows repeats every row; a contact on two
  // ssrlink_contact rows, or a portal link listed twice, repeats that contact's row; two links
  // to deleted contacts give two rows without one. The rows alone cannot tell these apart, so
  // the COUNTs below ask the views, and only here: a sound mapping gets this far only for a link
  // listed twice or two links to deleted contacts, so the normal page stays one statement.
  const std::int64_t student_rows = count_student_rows(c, query.student_id);
  if (student_rows > 1) {
    throw_duplicate_student(query.student_id, student_rows, "page_parent_binding");
  }
  for (const int seq : repeated) {
    const std::int64_t contact_rows =
        count_rows(c, statements::count_contact_rows,
                   {parameter::of(query.student_id), parameter::of(std::int64_t{seq})});
    if (contact_rows > 1) {
      throw_duplicate_contact(query.student_id, seq, contact_rows, "page_parent_binding");
    }
  }
  // Neither view repeats: the portal link was listed twice, which rule 3 allows.
  return found;
}

}  // namespace

odbc_student_directory::odbc_student_directory(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

// The binding reads no flag. Three statements, so a database mapped before portal accounts
// (schema version 3) still serves staff and teachers, and fails parents and students with a
// sentence naming what is missing.
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
    found = parent ? read_parent_binding(c, query) : read_school_binding(c, query, student);
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
    statement &s = c.prepare(std::string(statements::page_facts));
    std::optional<std::int64_t> sequence;
    if (query.contact_sequence) {
      sequence = *query.contact_sequence;
    }
    s.execute({parameter::of(sequence), parameter::of(query.student_id)});
    if (!s.fetch()) {
      s.close();
      return;
    }
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
    // Rules 1 and 2 cost a correct view one more fetch (see read_school_binding).
    std::int64_t rows = 1;
    while (s.fetch()) {
      ++rows;
    }
    s.close();
    if (rows > 1) {
      // Every row of the student joins the same contact rows, so without a contact each row is
      // one ssrlink_student row. With one, the rows are student rows times contact rows, and a
      // COUNT, run only on this rare path, tells which view repeats.
      if (!f.contact) {
        throw_duplicate_student(query.student_id, rows, "page_facts");
      }
      const std::int64_t student_rows = count_student_rows(c, query.student_id);
      if (student_rows > 1) {
        throw_duplicate_student(query.student_id, student_rows, "page_facts");
      }
      throw_duplicate_contact(query.student_id, f.contact->sequence, rows, "page_facts");
    }
    found = std::move(f);
  });
  return found;
}

// The family page (statements::family_students): the account's students, once each, ascending.
// The statement keeps a student once however many of its contacts the account is linked to, so
// a student_id that comes back twice is on two ssrlink_student rows: rule 1, as on a page. That
// tells the account nothing it may not know: it is linked to that student. A database mapped
// before the names (schema version 6) fails with a sentence naming ssrlink_student.first_name
// and migrations/0006_student_names.sql.
std::vector<core::linked_student> odbc_student_directory::linked_students(
    const std::string &user_id) {
  static const db_action action{"list the students linked to the parent's portal account",
                                {{"ssrlink_portal_link", "view", "0003_viewers.sql"},
                                 {"ssrlink_student", "view"},
                                 {"ssrlink_contact", "view"}},
                                {{"ssrlink_student", "first_name", "0006_student_names.sql"},
                                 {"ssrlink_student", "last_name", "0006_student_names.sql"}}};
  std::vector<core::linked_student> found;
  pool_->run(action, [&](connection &c) {
    found.clear();
    statement &s = c.prepare(std::string(statements::family_students));
    s.execute({parameter::of(user_id)});
    std::optional<std::int64_t> repeated;
    while (s.fetch()) {
      core::linked_student student;
      student.student_id = s.integer(1).value_or(0);
      student.first_name = s.text(2).value_or("");
      student.last_name = s.text(3).value_or("");
      if (!found.empty() && found.back().student_id == student.student_id) {
        repeated = repeated.value_or(student.student_id);
        continue;
      }
      found.push_back(std::move(student));
    }
    s.close();
    if (repeated) {
      throw_duplicate_student(*repeated, count_student_rows(c, *repeated), "family_students");
    }
  });
  return found;
}

}  // namespace ssrlink::odbc
