#include "odbc/audit_log.hpp"

namespace ssrlink::odbc {
namespace {

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence, so an over-long
// value from the host still leaves its audit row (the column sizes are in install.sql).
std::string clip(const std::string &text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return text.substr(0, end);
}

}  // namespace

odbc_audit_log::odbc_audit_log(std::shared_ptr<connection_pool> pool) : pool_(std::move(pool)) {}

void odbc_audit_log::record(const core::audit_entry &entry) {
  static const db_action action{"write the audit row", {{"ssrlink_audit", "table"}}};
  pool_->run(action, [&](connection &c) {
    statement &s = c.prepare(
        "INSERT INTO ssrlink_audit (at, role, user_id, student_id, page, outcome, offered) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.execute({parameter::of(static_cast<std::int64_t>(entry.at.time_since_epoch().count())),
               parameter::of(clip(entry.role, 16)), parameter::of(clip(entry.user_id, 128)),
               parameter::of(entry.student_id), parameter::of(clip(entry.page, 32)),
               parameter::of(clip(entry.outcome, 32)), parameter::of(entry.offered)});
  });
}

}  // namespace ssrlink::odbc
