// core::report_log over ODBC: ssrlink_report_log, one row per student and report identity,
// written together with the student's ssrlink_outbox rows in one manual-commit transaction (or
// several students' rows in one, record_all).
// Needs sql/<dialect>/migrations/0002_sweep.sql. The staff list joins ssrlink_student for the
// school, the filters and the names; the names (first_name, last_name) came with schema version
// 6: without them the list in the student order reads as before with empty names, and the
// Manager's order fails naming migrations/0006_student_names.sql.
#pragma once

#include "core/sweep/report_log.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_report_log final : public core::report_log {
 public:
  // `pool` must outlive this object.
  explicit odbc_report_log(connection_pool &pool) : pool_(pool) {}

  std::map<std::string, core::logged_statuses> logged(const core::student_range &range) override;
  core::logged_statuses logged_for(const std::string &ssid) override;
  bool record(const core::sweep_student &student, const std::vector<core::report_write> &writes,
              core::time_point now) override;
  bool record_all(const std::vector<core::student_writes> &students, core::time_point now) override;
  std::vector<core::log_entry> list(const core::log_filter &filter) override;
  std::optional<core::logged_report_row> find(std::int64_t student_id,
                                              const std::string &report_key) override;

 private:
  connection_pool &pool_;
};

}  // namespace ssrlink::odbc
