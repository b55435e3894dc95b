#include "odbc/sweep/odbc_report_log.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text/ascii.hpp"
#include "odbc/column_values.hpp"
#include "odbc/diagnostics.hpp"
#include "odbc/dialect.hpp"
#include "odbc/statement.hpp"
#include "odbc/sweep/manual_transaction.hpp"
#include "odbc/sweep/outbox_insert.hpp"
#include "odbc/sweep/row_batch_insert.hpp"

namespace ssrlink::odbc {
namespace {

using core::time_point;

// What each statement group touches, for the sentence a person reads when it fails. Functions,
// not globals: building them allocates, and a failure before main() could not be caught.
const db_action &read_log() {
  static const db_action action{"read the report log", {{"ssrlink_report_log", "table"}}};
  return action;
}

const db_action &list_log() {
  static const db_action action{"list the report log",
                                {{"ssrlink_report_log", "table"}, {"ssrlink_student", "view"}}};
  return action;
}

// The Manager's order sorts by the names, so it cannot do without them: a view mapped before
// them fails it with a sentence naming the column and migrations/0006_student_names.sql.
const db_action &list_log_by_manager() {
  static const db_action action{"list the report log in the Manager's order",
                                {{"ssrlink_report_log", "table"}, {"ssrlink_student", "view"}},
                                {{"ssrlink_student", "first_name", "0006_student_names.sql"},
                                 {"ssrlink_student", "last_name", "0006_student_names.sql"}}};
  return action;
}

// The driver's error says ssrlink_student has no first_name or last_name (schema version 6).
bool names_missing(const database_error &e) {
  if (!is_missing_column(e.records())) {
    return false;
  }
  return std::any_of(e.records().begin(), e.records().end(), [](const diagnostic &d) {
    return core::ascii_contains_ci(d.text, "first_name") ||
           core::ascii_contains_ci(d.text, "last_name");
  });
}

// core::log_order, in SQL every dialect sorts alike: a CASE puts NULL times first (dialects
// disagree on where NULL sorts), and within "never emailed" every emailed_at is NULL, so its
// place does not matter. A missing name sorts as an empty one, as the memory store does. The
// Manager's order ends on the primary key (ssid, report_key), so it is total and a page never
// repeats or skips a row; the student order is the list's order since ABI 1.0, unchanged.
std::string_view order_by(core::log_order order) {
  if (order == core::log_order::manager) {
    return " ORDER BY CASE WHEN l.viewed_at IS NULL THEN 0 ELSE 1 END, "
           "CASE WHEN l.emailed_at IS NULL THEN 0 ELSE 1 END, l.emailed_at, l.found_at, "
           "COALESCE(s.last_name, ''), COALESCE(s.first_name, ''), l.student_id, "
           "l.report_key, l.ssid";
  }
  return " ORDER BY l.student_id, l.report_key";
}

// One page of the staff list: every filter a bound parameter, with the names when `names`.
void read_list(connection &c, const core::log_filter &filter, bool names,
               std::vector<core::log_entry> &out) {
  std::string sql =
      "SELECT l.student_id, l.ssid, s.school_code, l.report_key, l.test, l.year, l.status, "
      "l.notice, l.found_at, l.emailed_at, l.viewed_at";
  sql += names ? ", s.first_name, s.last_name" : "";
  sql +=
      " FROM ssrlink_report_log l "
      "LEFT JOIN ssrlink_student s ON s.student_id = l.student_id WHERE 1 = 1";
  std::vector<parameter> params;
  // Only fixed fragments are appended; every value is a bound parameter.
  if (filter.school) {
    sql += " AND s.school_code = ?";
    params.push_back(parameter::of(*filter.school));
  }
  if (filter.tag) {
    sql += " AND s.tag = ?";
    params.push_back(parameter::of(*filter.tag));
  }
  if (filter.leave_before) {
    sql += " AND CAST(s.leave_date AS VARCHAR(10)) < ?";
    params.push_back(parameter::of(core::format_day(*filter.leave_before)));
  }
  if (filter.not_viewed) {
    sql += " AND l.viewed_at IS NULL";
  }
  if (filter.no_email) {
    sql += " AND l.notice IN ('no_email', 'partial')";
  }
  sql += order_by(filter.order);
  if (c.sql_dialect() == dialect::sqlserver) {
    sql += " OFFSET CAST(? AS BIGINT) ROWS FETCH NEXT CAST(? AS BIGINT) ROWS ONLY";
    params.push_back(parameter::of(filter.offset));
    params.push_back(parameter::of(filter.limit));
  } else {
    sql += " LIMIT CAST(? AS BIGINT) OFFSET CAST(? AS BIGINT)";
    params.push_back(parameter::of(filter.limit));
    params.push_back(parameter::of(filter.offset));
  }
  statement &s = c.prepare(sql);
  s.execute(std::move(params));
  while (s.fetch()) {
    core::log_entry e;
    e.student_id = s.integer(1).value_or(0);
    e.ssid = s.text(2).value_or("");
    e.school_code = s.text(3).value_or("");
    e.report_key = s.text(4).value_or("");
    e.test = s.text(5).value_or("");
    e.year = s.text(6).value_or("");
    e.status = s.text(7).value_or("");
    // Rows written before the log kept notice states hold NULL: none.
    e.notice =
        core::notice_state_from(s.text(8).value_or("none")).value_or(core::notice_state::none);
    e.found_at = s.time(9).value_or(time_point{});
    e.emailed_at = s.time(10);
    e.viewed_at = s.time(11);
    if (names) {
      e.first_name = s.text(12).value_or("");
      e.last_name = s.text(13).value_or("");
    }
    out.push_back(std::move(e));
  }
  s.close();
}

// A report new to the log: one row of the batch's INSERT (insert_rows), found now.
constexpr std::string_view log_insert_head =
    "INSERT INTO ssrlink_report_log (student_id, ssid, report_key, test, year, status, found_at, "
    "emailed_at, viewed_at, notice) VALUES ";
constexpr std::string_view log_insert_row = "(?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)";
constexpr std::size_t log_insert_width = 9;

parameter emailed_at(const core::report_write &w, time_point now) {
  return w.notices.empty() ? parameter::null_integer() : parameter::of(now);
}

void append_log_values(std::vector<parameter> &values, const core::sweep_student &student,
                       const core::report_write &w, time_point now) {
  const core::listed_report &r = w.change.report;
  values.push_back(parameter::of(student.student_id));
  values.push_back(parameter::of(student.ssid));
  values.push_back(parameter::of(r.key));
  values.push_back(parameter::of(clip_to_width(r.test, 32)));
  values.push_back(parameter::of(clip_to_width(r.year, 16)));
  values.push_back(parameter::of(clip_to_width(r.status, 32)));
  values.push_back(parameter::of(now));
  values.push_back(emailed_at(w, now));
  values.push_back(parameter::of(core::to_string(w.notice)));
}

// A report logged before as not Final: the UPDATE of its transition to Final, written only
// once. False when it found no row to change: another process made the transition first.
bool update_row(connection &c, const core::sweep_student &student, const core::report_write &w,
                time_point now) {
  const core::listed_report &r = w.change.report;
  statement &s = c.prepare(
      "UPDATE ssrlink_report_log SET status = ?, emailed_at = ?, notice = ?, "
      "student_id = ? WHERE ssid = ? AND report_key = ? AND status <> 'Final'");
  s.execute({parameter::of(clip_to_width(r.status, 32)), emailed_at(w, now),
             parameter::of(core::to_string(w.notice)), parameter::of(student.student_id),
             parameter::of(student.ssid), parameter::of(r.key)});
  return s.affected_rows() == 1;
}

// Every student's rows in the open transaction: the transitions one by one (each must find its
// row), then the new log rows and the notices a few statements at a time. False when a
// transition was made first by another process; throws database_error (a duplicate-key one
// when another process inserted one of these rows first).
bool write_students(connection &c, const std::vector<core::student_writes> &students,
                    time_point now) {
  std::vector<parameter> log_rows;
  std::vector<parameter> outbox_rows;
  for (const core::student_writes &one : students) {
    for (const core::report_write &w : one.writes) {
      if (w.change.already_logged) {
        if (!update_row(c, one.student, w, now)) {
          return false;
        }
      } else {
        append_log_values(log_rows, one.student, w, now);
      }
      for (const core::outbox_row &row : w.notices) {
        append_outbox_values(outbox_rows, one.student.student_id, row, now);
      }
    }
  }
  insert_rows(c, log_insert_head, log_insert_row, log_insert_width, std::move(log_rows));
  insert_rows(c, outbox_insert_head, outbox_insert_row, outbox_insert_width,
              std::move(outbox_rows));
  return true;
}

}  // namespace

std::map<std::string, core::logged_statuses> odbc_report_log::logged(
    const core::student_range &range) {
  std::map<std::string, core::logged_statuses> out;
  pool_.run(read_log(), [&](connection &c) {
    out.clear();
    statement &s = c.prepare(
        "SELECT ssid, report_key, status FROM ssrlink_report_log "
        "WHERE student_id BETWEEN CAST(? AS BIGINT) AND CAST(? AS BIGINT)");
    s.execute({parameter::of(range.first_id), parameter::of(range.last_id)});
    while (s.fetch()) {
      std::string ssid = s.text(1).value_or("");
      std::string key = s.text(2).value_or("");
      out[std::move(ssid)][std::move(key)] = s.text(3).value_or("");
    }
    s.close();
  });
  return out;
}

core::logged_statuses odbc_report_log::logged_for(const std::string &ssid) {
  core::logged_statuses out;
  pool_.run(read_log(), [&](connection &c) {
    out.clear();
    statement &s = c.prepare("SELECT report_key, status FROM ssrlink_report_log WHERE ssid = ?");
    s.execute({parameter::of(ssid)});
    while (s.fetch()) {
      std::string key = s.text(1).value_or("");
      out[std::move(key)] = s.text(2).value_or("");
    }
    s.close();
  });
  return out;
}

bool odbc_report_log::record(const core::sweep_student &student,
                             const std::vector<core::report_write> &writes, time_point now) {
  return record_all({{student, writes}}, now);
}

// One transaction for every student; the statements are the connection's prepared ones, so a
// batch pays their preparation at most once and one commit for all its rows.
bool odbc_report_log::record_all(const std::vector<core::student_writes> &students,
                                 time_point now) {
  bool written = false;
  pool_.run(write_log_and_outbox(), [&](connection &c) {
    written = false;
    manual_transaction tx(c);
    try {
      if (!write_students(c, students, now)) {
        return;  // rolled back by the transaction's destructor
      }
      tx.commit();
      written = true;
    } catch (const database_error &e) {
      // Another process inserted one of these rows first: nothing of ours is kept, and the
      // caller re-reads the log (logged_for) to see what it wrote.
      if (!is_duplicate_key(e.records())) {
        throw;
      }
    }
  });
  return written;
}

// With the names where ssrlink_student has them. A view mapped before them (schema version 6)
// still lists in the student order, as it did before the names came, with the names empty; the
// Manager's order sorts by them and fails, naming the column and the migration.
std::vector<core::log_entry> odbc_report_log::list(const core::log_filter &filter) {
  const bool manager = filter.order == core::log_order::manager;
  std::vector<core::log_entry> out;
  pool_.run(manager ? list_log_by_manager() : list_log(), [&](connection &c) {
    out.clear();
    try {
      read_list(c, filter, true, out);
    } catch (const database_error &e) {
      if (manager || !names_missing(e)) {
        throw;
      }
      out.clear();
      read_list(c, filter, false, out);
    }
  });
  return out;
}

std::optional<core::logged_report_row> odbc_report_log::find(std::int64_t student_id,
                                                             const std::string &report_key) {
  std::optional<core::logged_report_row> out;
  pool_.run(read_log(), [&](connection &c) {
    out.reset();
    statement &s = c.prepare(
        "SELECT student_id, ssid, test, year, status FROM ssrlink_report_log "
        "WHERE student_id = CAST(? AS BIGINT) AND report_key = ?");
    s.execute({parameter::of(student_id), parameter::of(report_key)});
    if (s.fetch()) {
      core::logged_report_row r;
      r.student_id = s.integer(1).value_or(0);
      r.ssid = s.text(2).value_or("");
      r.test = s.text(3).value_or("");
      r.year = s.text(4).value_or("");
      r.status = s.text(5).value_or("");
      out = std::move(r);
    }
    s.close();
  });
  return out;
}

}  // namespace ssrlink::odbc
