// core::offered_reports over ODBC: stamps viewed_at on the ssrlink_report_log rows the report
// page showed, the first time only, so staff can follow up with the guardians who have not
// looked yet.
#pragma once

#include "core/report_page/offered_reports.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_offered_reports final : public core::offered_reports {
 public:
  // `pool` must outlive this object.
  explicit odbc_offered_reports(connection_pool &pool) : pool_(pool) {}

  void record_offered(std::int64_t student_id, int contact_sequence,
                      const std::vector<std::string> &report_keys, core::time_point now) override;

 private:
  connection_pool &pool_;
};

}  // namespace ssrlink::odbc
