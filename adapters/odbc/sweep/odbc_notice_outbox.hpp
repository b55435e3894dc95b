// core::notice_outbox over ODBC: a notice queued by hand goes into ssrlink_outbox and stamps
// emailed_at on its ssrlink_report_log row, in one manual-commit transaction; a completion
// summary is one ssrlink_outbox row of kind 'summary' (migration 0005), kept single by the
// table's unique key.
#pragma once

#include "core/sweep/notice_outbox.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_notice_outbox final : public core::notice_outbox {
 public:
  // `pool` must outlive this object.
  explicit odbc_notice_outbox(connection_pool &pool) : pool_(pool) {}

  bool queue(std::int64_t student_id, const core::outbox_row &row, core::time_point now) override;
  bool queue_summary(const core::outbox_row &row, core::time_point now) override;

 private:
  connection_pool &pool_;
};

}  // namespace ssrlink::odbc
