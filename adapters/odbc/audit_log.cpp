#include "odbc/audit_log.hpp"

#include <array>

#include "core/audit/call_key.hpp"
#include "odbc/column_values.hpp"

namespace ssrlink::odbc {
namespace {

// One row per call_key: the pool reruns the work on a fresh connection when the old one dropped,
// and the first insert may have been committed before the drop, so the rerun must be a no-op
// (the unique index ssrlink_audit_call holds the key).
constexpr const char *columns =
    "at, action, role, user_id, student_id, page, outcome, reason, contact_sequence, offered, "
    "call_key";

// Every page view writes a row: the statement text is built once per dialect, not per call.
const insert_once &audit_insert(dialect d) {
  static const std::array<insert_once, 4> statements = [] {
    std::array<insert_once, 4> out;
    for (const dialect each :
         {dialect::sqlite, dialect::postgresql, dialect::sqlserver, dialect::other}) {
      out[static_cast<std::size_t>(each)] = insert_once_sql(
          each, "ssrlink_audit", columns, "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", "call_key");
    }
    return out;
  }();
  return statements[static_cast<std::size_t>(d)];
}

}  // namespace

odbc_audit_log::odbc_audit_log(std::shared_ptr<connection_pool> pool) : pool_(std::move(pool)) {}

void odbc_audit_log::record(const core::audit_entry &entry) {
  static const db_action action{"write the audit row",
                                {{"ssrlink_audit", "table"}},
                                {{"ssrlink_audit", "call_key", "0003_viewers.sql"},
                                 {"ssrlink_audit", "action", "0003_viewers.sql"},
                                 {"ssrlink_audit", "reason", "0003_viewers.sql"}}};
  std::optional<std::int64_t> contact;
  if (entry.contact_sequence) {
    contact = *entry.contact_sequence;
  }
  // Every row has a key; an entry without one (a caller that does not retry) gets a fresh one.
  const std::string key =
      entry.call_key.empty() ? core::new_call_key() : clip_to_width(entry.call_key, 64);
  pool_->run(action, [&](connection &c) {
    const insert_once &insert = audit_insert(c.sql_dialect());
    std::vector<parameter> values{parameter::of(entry.at),
                                  parameter::of(clip_to_width(entry.action, 32)),
                                  parameter::of(clip_to_width(entry.role, 16)),
                                  parameter::of(clip_to_width(entry.user_id, 128)),
                                  parameter::of(entry.student_id),
                                  parameter::of(clip_to_width(entry.page, 32)),
                                  parameter::of(clip_to_width(entry.outcome, 32)),
                                  parameter::of(clip_to_width(entry.reason, 64)),
                                  parameter::of(contact),
                                  parameter::of(entry.offered),
                                  parameter::of(key)};
    if (insert.key_bound_again) {
      values.push_back(parameter::of(key));
    }
    c.prepare(insert.sql).execute(values);
  });
}

}  // namespace ssrlink::odbc
