#include "odbc_sweep_store.hpp"

#include <algorithm>

#include "odbc/diagnostics.hpp"
#include "odbc/dialect.hpp"
#include "odbc/statement.hpp"
#include "odbc/sweep/manual_transaction.hpp"

namespace ssrlink::odbc {

namespace {

using core::time_point;

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

const db_action &use_leases() {
  static const db_action action{"share the sweep between workers",
                                {{"ssrlink_sweep_lease", "table"}}};
  return action;
}

const db_action &read_log() {
  static const db_action action{"read the report log", {{"ssrlink_report_log", "table"}}};
  return action;
}

const db_action &write_log() {
  static const db_action action{"record the sweep's findings",
                                {{"ssrlink_report_log", "table"}, {"ssrlink_outbox", "table"}}};
  return action;
}

const db_action &list_log_action() {
  static const db_action action{"list the report log",
                                {{"ssrlink_report_log", "table"}, {"ssrlink_student", "view"}}};
  return action;
}

// A unique key said no: another process wrote the row first. PostgreSQL and SQL Server say
// so with SQLSTATE 23xxx; the SQLite driver reports HY000 with SQLite's own message.
bool is_duplicate(const database_error &e) {
  if (first_sqlstate(e.records()).rfind("23", 0) == 0) {
    return true;
  }
  for (const diagnostic &d : e.records()) {
    if (d.text.find("UNIQUE constraint failed") != std::string::npos ||
        d.text.find("PRIMARY KEY must be unique") != std::string::npos ||
        d.text.find("is not unique") != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::int64_t millis(time_point t) {
  return t.time_since_epoch().count();
}
time_point from_millis(std::int64_t ms) {
  return time_point(std::chrono::milliseconds(ms));
}
std::optional<time_point> from_millis(const std::optional<std::int64_t> &ms) {
  return ms ? std::optional<time_point>(from_millis(*ms)) : std::nullopt;
}

// ETS data is hostile: cut text to the column's width rather than fail the whole student.
std::string fit(std::string text, std::size_t width) {
  if (text.size() > width) {
    text.resize(width);
  }
  return text;
}

bool flag(const std::optional<std::int64_t> &v) {
  return v.value_or(0) != 0;
}

std::string lease_key(const std::string &run_key, const core::student_range &r) {
  return run_key + "|" + std::to_string(r.first_id) + "|" + std::to_string(r.last_id);
}

bool parse_range(const std::string &key, core::student_range &out) {
  const std::size_t last_bar = key.rfind('|');
  if (last_bar == std::string::npos || last_bar == 0) {
    return false;
  }
  const std::size_t first_bar = key.rfind('|', last_bar - 1);
  if (first_bar == std::string::npos) {
    return false;
  }
  try {
    out.first_id = std::stoll(key.substr(first_bar + 1, last_bar - first_bar - 1));
    out.last_id = std::stoll(key.substr(last_bar + 1));
  } catch (const std::exception &) {
    return false;
  }
  return true;
}

constexpr const char *students_sql =
    "SELECT s.student_id, s.school_code, s.ssid, s.do_not_release, s.hide_contact, s.tag, "
    "CAST(s.leave_date AS VARCHAR(10)), k.name "
    "FROM ssrlink_student s LEFT JOIN ssrlink_school k ON k.school_code = s.school_code "
    "WHERE s.student_id BETWEEN CAST(? AS BIGINT) AND CAST(? AS BIGINT)";

class odbc_sweep_store final : public core::sweep_store {
 public:
  explicit odbc_sweep_store(std::shared_ptr<connection_pool> pool) : pool_(std::move(pool)) {}

  std::vector<core::student_range> plan_ranges(const std::optional<std::string> &school,
                                               unsigned batch_size) override {
    std::vector<std::int64_t> ids;
    pool_->run(read_students(), [&](connection &c) {
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
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<core::student_range> ranges;
    const std::size_t size = std::max(1u, batch_size);
    for (std::size_t i = 0; i < ids.size(); i += size) {
      ranges.push_back({ids[i], ids[std::min(i + size, ids.size()) - 1]});
    }
    return ranges;
  }

  bool create_leases(const std::string &run_key, const std::vector<core::student_range> &ranges,
                     time_point now) override {
    bool created = false;
    pool_->run(use_leases(), [&](connection &c) {
      created = false;
      manual_transaction tx(c);
      statement &insert = c.prepare(
          "INSERT INTO ssrlink_sweep_lease (lease_key, worker, claimed_at, expires_at, done_at) "
          "VALUES (?, ?, ?, ?, ?)");
      try {
        // The plan row goes first: a second planner waits on it (or fails on it) and then
        // finds the whole plan committed.
        insert.execute({parameter::of(run_key + "|plan"), parameter::of(std::string_view("")),
                        parameter::of(millis(now)), parameter::of(std::int64_t{0}),
                        parameter::of(millis(now))});
      } catch (const database_error &e) {
        if (is_duplicate(e)) {
          return;
        }
        throw;
      }
      for (const core::student_range &r : ranges) {
        insert.execute({parameter::of(lease_key(run_key, r)), parameter::of(std::string_view("")),
                        parameter::of(std::int64_t{0}), parameter::of(std::int64_t{0}),
                        parameter::null_integer()});
      }
      tx.commit();
      created = true;
    });
    return created;
  }

  std::optional<core::claimed_batch> claim_batch(const std::string &run_key,
                                                 const std::string &worker, time_point now,
                                                 std::chrono::seconds lease) override {
    std::optional<core::claimed_batch> claimed;
    pool_->run(use_leases(), [&](connection &c) {
      claimed.reset();
      struct candidate {
        std::string key, worker;
        std::int64_t claimed_at = 0, expires_at = 0;
      };
      std::vector<candidate> candidates;
      statement &select =
          c.prepare("SELECT " + top_prefix(c.sql_dialect(), 16) +
                    "lease_key, worker, claimed_at, expires_at FROM ssrlink_sweep_lease "
                    "WHERE lease_key LIKE ? AND done_at IS NULL "
                    "AND (expires_at < CAST(? AS BIGINT) OR worker = ?) "
                    "ORDER BY CASE WHEN worker = ? THEN 0 ELSE 1 END, lease_key" +
                    limit_suffix(c.sql_dialect(), 16));
      select.execute({parameter::of(run_key + "|%"), parameter::of(millis(now)),
                      parameter::of(worker), parameter::of(worker)});
      while (select.fetch()) {
        candidate k;
        k.key = select.text(1).value_or("");
        k.worker = select.text(2).value_or("");
        k.claimed_at = select.integer(3).value_or(0);
        k.expires_at = select.integer(4).value_or(0);
        candidates.push_back(std::move(k));
      }
      select.close();
      // Workers start at different candidates so that they rarely race for the same row; the
      // conditional UPDATE decides any race that remains.
      const std::size_t start =
          candidates.empty() ? 0 : std::hash<std::string>{}(worker) % candidates.size();
      statement &take = c.prepare(
          "UPDATE ssrlink_sweep_lease SET worker = ?, claimed_at = ?, expires_at = ? "
          "WHERE lease_key = ? AND done_at IS NULL AND worker = ? "
          "AND claimed_at = CAST(? AS BIGINT) AND expires_at = CAST(? AS BIGINT)");
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        const candidate &k = candidates[(start + i) % candidates.size()];
        core::student_range range;
        if (!parse_range(k.key, range)) {
          continue;
        }
        const std::int64_t claimed_at = std::max(millis(now), k.claimed_at + 1);
        const std::int64_t expires_at =
            claimed_at + std::chrono::duration_cast<std::chrono::milliseconds>(lease).count();
        take.execute({parameter::of(worker), parameter::of(claimed_at), parameter::of(expires_at),
                      parameter::of(k.key), parameter::of(k.worker), parameter::of(k.claimed_at),
                      parameter::of(k.expires_at)});
        if (take.affected_rows() == 1) {
          claimed = core::claimed_batch{k.key, range, from_millis(claimed_at)};
          return;
        }
      }
    });
    return claimed;
  }

  bool finish_batch(const core::claimed_batch &batch, const std::string &worker,
                    time_point now) override {
    bool finished = false;
    pool_->run(use_leases(), [&](connection &c) {
      statement &s = c.prepare(
          "UPDATE ssrlink_sweep_lease SET done_at = ? WHERE lease_key = ? AND worker = ? "
          "AND claimed_at = CAST(? AS BIGINT) AND done_at IS NULL");
      s.execute({parameter::of(millis(now)), parameter::of(batch.lease_key), parameter::of(worker),
                 parameter::of(millis(batch.claimed_at))});
      finished = s.affected_rows() == 1;
    });
    return finished;
  }

  std::optional<time_point> pending_until(const std::string &run_key) override {
    std::optional<time_point> until;
    pool_->run(use_leases(), [&](connection &c) {
      statement &s = c.prepare(
          "SELECT MIN(expires_at) FROM ssrlink_sweep_lease WHERE lease_key LIKE ? "
          "AND done_at IS NULL");
      s.execute({parameter::of(run_key + "|%")});
      until = s.fetch() ? from_millis(s.integer(1)) : std::nullopt;
      s.close();
    });
    return until;
  }

  bool renew_batch(const core::claimed_batch &batch, const std::string &worker, time_point now,
                   std::chrono::seconds lease) override {
    bool renewed = false;
    pool_->run(use_leases(), [&](connection &c) {
      statement &s = c.prepare(
          "UPDATE ssrlink_sweep_lease SET expires_at = ? WHERE lease_key = ? AND worker = ? "
          "AND claimed_at = CAST(? AS BIGINT) AND done_at IS NULL AND expires_at > CAST(? AS "
          "BIGINT)");
      s.execute(
          {parameter::of(millis(now) +
                         std::chrono::duration_cast<std::chrono::milliseconds>(lease).count()),
           parameter::of(batch.lease_key), parameter::of(worker),
           parameter::of(millis(batch.claimed_at)), parameter::of(millis(now))});
      renewed = s.affected_rows() == 1;
    });
    return renewed;
  }

  void release_batch(const core::claimed_batch &batch, const std::string &worker) override {
    pool_->run(use_leases(), [&](connection &c) {
      statement &s = c.prepare(
          "UPDATE ssrlink_sweep_lease SET expires_at = 0 WHERE lease_key = ? AND worker = ? "
          "AND claimed_at = CAST(? AS BIGINT) AND done_at IS NULL");
      s.execute({parameter::of(batch.lease_key), parameter::of(worker),
                 parameter::of(millis(batch.claimed_at))});
    });
  }

  std::vector<core::sweep_student> students(const core::student_range &range,
                                            const std::optional<std::string> &school) override {
    std::vector<core::sweep_student> out;
    pool_->run(read_students(), [&](connection &c) {
      out.clear();
      statement &s = c.prepare(std::string(students_sql) +
                               (school ? " AND s.school_code = ?" : "") + " ORDER BY s.student_id");
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

  std::map<std::string, core::logged_statuses> logged(const core::student_range &range) override {
    std::map<std::string, core::logged_statuses> out;
    pool_->run(read_log(), [&](connection &c) {
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

  core::logged_statuses logged_for(const std::string &ssid) override {
    core::logged_statuses out;
    pool_->run(read_log(), [&](connection &c) {
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

  std::vector<core::contact_facts> contacts(std::int64_t student_id) override {
    std::vector<core::contact_facts> out;
    pool_->run(read_contacts(), [&](connection &c) {
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

  bool record(const core::sweep_student &student, const std::vector<core::report_write> &writes,
              time_point now) override {
    bool written = false;
    pool_->run(write_log(), [&](connection &c) {
      written = false;
      manual_transaction tx(c);
      try {
        for (const core::report_write &w : writes) {
          const core::listed_report &r = w.change.report;
          const parameter emailed =
              w.notices.empty() ? parameter::null_integer() : parameter::of(millis(now));
          const std::string notice = core::notice_state_name(w.notice);
          if (!w.change.already_logged) {
            statement &s = c.prepare(
                "INSERT INTO ssrlink_report_log (student_id, ssid, report_key, test, year, "
                "status, found_at, emailed_at, viewed_at, notice) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)");
            s.execute({parameter::of(student.student_id), parameter::of(student.ssid),
                       parameter::of(r.key), parameter::of(fit(r.test, 32)),
                       parameter::of(fit(r.year, 16)), parameter::of(fit(r.status, 32)),
                       parameter::of(millis(now)), emailed, parameter::of(notice)});
          } else {
            // Only the transition to Final is written, and only once: the row count tells
            // whether another process made it first.
            statement &s = c.prepare(
                "UPDATE ssrlink_report_log SET status = ?, emailed_at = ?, notice = ?, "
                "student_id = ? WHERE ssid = ? AND report_key = ? AND status <> 'Final'");
            s.execute({parameter::of(fit(r.status, 32)), emailed, parameter::of(notice),
                       parameter::of(student.student_id), parameter::of(student.ssid),
                       parameter::of(r.key)});
            if (s.affected_rows() != 1) {
              return;  // rolled back by the transaction's destructor
            }
          }
          for (const core::outbox_row &row : w.notices) {
            insert_outbox(c, student.student_id, row, now);
          }
        }
        tx.commit();
        written = true;
      } catch (const database_error &e) {
        if (!is_duplicate(e)) {
          throw;
        }
      }
    });
    return written;
  }

  std::vector<core::log_entry> list_log(const core::log_filter &filter) override {
    std::vector<core::log_entry> out;
    pool_->run(list_log_action(), [&](connection &c) {
      out.clear();
      std::string sql =
          "SELECT l.student_id, l.ssid, s.school_code, l.report_key, l.test, l.year, l.status, "
          "l.notice, l.found_at, l.emailed_at, l.viewed_at FROM ssrlink_report_log l "
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
      sql += " ORDER BY l.student_id, l.report_key";
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
        e.notice = s.text(8).value_or("none");
        e.found_at = from_millis(s.integer(9).value_or(0));
        e.emailed_at = from_millis(s.integer(10));
        e.viewed_at = from_millis(s.integer(11));
        out.push_back(std::move(e));
      }
      s.close();
    });
    return out;
  }

  std::optional<core::logged_report_row> find_logged(std::int64_t student_id,
                                                     const std::string &report_key) override {
    std::optional<core::logged_report_row> out;
    pool_->run(read_log(), [&](connection &c) {
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

  bool queue_notice(std::int64_t student_id, const core::outbox_row &row, time_point now) override {
    bool queued = false;
    pool_->run(write_log(), [&](connection &c) {
      queued = false;
      manual_transaction tx(c);
      statement &exists = c.prepare(
          "SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id = CAST(? AS BIGINT) "
          "AND contact_sequence = CAST(? AS INTEGER) AND report_key = ?");
      exists.execute({parameter::of(student_id), parameter::of(std::int64_t{row.contact_sequence}),
                      parameter::of(row.report_key)});
      const bool present = exists.fetch() && exists.integer(1).value_or(0) > 0;
      exists.close();
      if (present) {
        return;
      }
      try {
        insert_outbox(c, student_id, row, now);
      } catch (const database_error &e) {
        if (is_duplicate(e)) {
          return;
        }
        throw;
      }
      statement &stamp = c.prepare(
          "UPDATE ssrlink_report_log SET emailed_at = ? "
          "WHERE student_id = CAST(? AS BIGINT) AND report_key = ?");
      stamp.execute(
          {parameter::of(millis(now)), parameter::of(student_id), parameter::of(row.report_key)});
      tx.commit();
      queued = true;
    });
    return queued;
  }

  void mark_viewed(std::int64_t student_id, const std::vector<std::string> &report_keys,
                   time_point now) override {
    pool_->run(write_log(), [&](connection &c) {
      statement &s = c.prepare(
          "UPDATE ssrlink_report_log SET viewed_at = ? WHERE student_id = CAST(? AS BIGINT) "
          "AND report_key = ? AND viewed_at IS NULL");
      for (const std::string &key : report_keys) {
        s.execute({parameter::of(millis(now)), parameter::of(student_id), parameter::of(key)});
      }
    });
  }

 private:
  static void insert_outbox(connection &c, std::int64_t student_id, const core::outbox_row &row,
                            time_point now) {
    statement &s = c.prepare(
        "INSERT INTO ssrlink_outbox (student_id, contact_sequence, recipient, language, subject, "
        "body_text, body_html, report_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.execute({parameter::of(student_id), parameter::of(std::int64_t{row.contact_sequence}),
               parameter::of(fit(row.recipient, 320)), parameter::of(fit(row.language, 8)),
               parameter::of(fit(row.subject, 400)), parameter::of(row.body_text),
               parameter::of(row.body_html), parameter::of(row.report_key),
               parameter::of(millis(now))});
  }

  std::shared_ptr<connection_pool> pool_;
};

}  // namespace

std::unique_ptr<core::sweep_store> make_odbc_sweep_store(std::shared_ptr<connection_pool> pool) {
  return std::make_unique<odbc_sweep_store>(std::move(pool));
}

}  // namespace ssrlink::odbc
