// Port: the notification log, one row per student and report identity (report_identity.hpp)
// with what became of its notices (adapters/odbc/sweep implements it).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../time.hpp"
#include "report_identity.hpp"
#include "sweep_records.hpp"

namespace ssrlink::core {

class report_log {
 public:
  virtual ~report_log() = default;

  // Log rows of the students in the range, by SSID.
  virtual std::map<std::string, logged_statuses> logged(const student_range &range) = 0;
  // Log rows of one student, by SSID (after another process wrote first).
  virtual logged_statuses logged_for(const std::string &ssid) = 0;
  // Writes the log rows and their outbox rows of one student in one transaction. false (and
  // nothing written) when another process wrote one of these rows first.
  virtual bool record(const sweep_student &student, const std::vector<report_write> &writes,
                      time_point now) = 0;
  // Writes the log rows and outbox rows of several students in one transaction, so a sweep pays
  // one commit for many students (range_check.hpp, rule 11). All or nothing: false (and nothing
  // written) when another process wrote one of these rows first, without saying which; the
  // caller then records the students one by one (record) to find out.
  virtual bool record_all(const std::vector<student_writes> &students, time_point now) = 0;
  // The staff list: rows matching the filter, in student_id and report_key order, one page of
  // it.
  virtual std::vector<log_entry> list(const log_filter &filter) = 0;
  // One row, for queueing a notice by hand.
  virtual std::optional<logged_report_row> find(std::int64_t student_id,
                                                const std::string &report_key) = 0;
};

}  // namespace ssrlink::core
