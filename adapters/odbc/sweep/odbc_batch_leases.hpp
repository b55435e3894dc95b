// core::batch_leases over ODBC: one ssrlink_sweep_lease row per batch of a run, keyed
// "<run_key>|<first_id>|<last_id>", plus a "<run_key>|plan" row that marks the run planned.
// Every change is a conditional UPDATE checked by its row count, so two workers never both
// believe they hold a batch.
#pragma once

#include "core/sweep/batch_leases.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_batch_leases final : public core::batch_leases {
 public:
  // `pool` must outlive this object.
  explicit odbc_batch_leases(connection_pool &pool) : pool_(pool) {}

  bool create(const std::string &run_key, const std::vector<core::student_range> &ranges,
              core::time_point now) override;
  std::optional<core::claimed_batch> claim(const std::string &run_key, const std::string &worker,
                                           core::time_point now,
                                           std::chrono::seconds lease) override;
  bool renew(const core::claimed_batch &batch, const std::string &worker, core::time_point now,
             std::chrono::seconds lease) override;
  bool finish(const core::claimed_batch &batch, const std::string &worker,
              core::time_point now) override;
  void release(const core::claimed_batch &batch, const std::string &worker) override;
  std::optional<core::time_point> pending_until(const std::string &run_key) override;

 private:
  connection_pool &pool_;
};

}  // namespace ssrlink::odbc
