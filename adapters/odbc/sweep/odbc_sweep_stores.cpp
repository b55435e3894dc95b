#include "odbc/sweep/odbc_sweep_stores.hpp"

#include "odbc/sweep/odbc_batch_leases.hpp"
#include "odbc/sweep/odbc_notice_outbox.hpp"
#include "odbc/sweep/odbc_offered_reports.hpp"
#include "odbc/sweep/odbc_report_log.hpp"
#include "odbc/sweep/odbc_schedule_runs.hpp"
#include "odbc/sweep/odbc_student_feed.hpp"

namespace ssrlink::odbc {

odbc_sweep_stores make_odbc_sweep_stores(connection_pool &pool) {
  odbc_sweep_stores stores;
  stores.students = std::make_unique<odbc_student_feed>(pool);
  stores.leases = std::make_unique<odbc_batch_leases>(pool);
  stores.log = std::make_unique<odbc_report_log>(pool);
  stores.outbox = std::make_unique<odbc_notice_outbox>(pool);
  stores.offered = std::make_unique<odbc_offered_reports>(pool);
  stores.schedule = std::make_unique<odbc_schedule_runs>(pool);
  return stores;
}

}  // namespace ssrlink::odbc
