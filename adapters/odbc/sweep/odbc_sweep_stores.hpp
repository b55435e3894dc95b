// The notification sweep's database side over the ODBC adapter's pool, one object per port:
// the students it reads, the leases that share a run between processes, the report log, the
// outbox for notices queued by hand and completion summaries, the record of scheduled runs, and
// the report page's "offered" stamp. Needs sql/<dialect>/migrations/0002_sweep.sql (and 0005 for
// summaries and scheduled runs).
#pragma once

#include <memory>

#include "core/report_page/offered_reports.hpp"
#include "core/sweep/batch_leases.hpp"
#include "core/sweep/notice_outbox.hpp"
#include "core/sweep/report_log.hpp"
#include "core/sweep/schedule_runs.hpp"
#include "core/sweep/student_feed.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

struct odbc_sweep_stores {
  std::unique_ptr<core::student_feed> students;
  std::unique_ptr<core::batch_leases> leases;
  std::unique_ptr<core::report_log> log;
  std::unique_ptr<core::notice_outbox> outbox;
  std::unique_ptr<core::offered_reports> offered;
  std::unique_ptr<core::schedule_runs> schedule;
};

// Every store over `pool`, which is shared with the other ODBC ports and must outlive them.
// Connects nothing: the first call opens the pool's first connection.
odbc_sweep_stores make_odbc_sweep_stores(connection_pool &pool);

}  // namespace ssrlink::odbc
