// Port: the outbox the host's mailer reads (ssrlink_outbox), for notices queued by hand and the
// sweep's completion summaries; the sweep's own notices are written with their log rows
// (report_log::record).
#pragma once

#include <cstdint>

#include "../time.hpp"
#include "sweep_records.hpp"

namespace ssrlink::core {

class notice_outbox {
 public:
  virtual ~notice_outbox() = default;

  // Inserts the notice unless one exists for (student, contact, report_key), and stamps the log
  // row's emailed_at, in one transaction; false when the notice already existed.
  virtual bool queue(std::int64_t student_id, const outbox_row &row, time_point now) = 0;
  // Inserts a completion summary (kind 'summary', student_id 0; migration 0005) unless one
  // exists for (0, row.contact_sequence, row.report_key); false when it already existed.
  virtual bool queue_summary(const outbox_row &row, time_point now) = 0;
};

}  // namespace ssrlink::core
