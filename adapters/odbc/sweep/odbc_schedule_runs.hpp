// core::schedule_runs over ODBC: ssrlink_schedule_run (migration 0005), one row per slot keyed by
// its UTC text "YYYY-MM-DDTHH:MM:SSZ". A claim is a plain INSERT: the primary key refuses a
// second one for the same slot, on every DBMS, however many processes race for it.
#pragma once

#include "core/sweep/schedule_runs.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_schedule_runs final : public core::schedule_runs {
 public:
  // `pool` must outlive this object.
  explicit odbc_schedule_runs(connection_pool &pool) : pool_(pool) {}

  bool claim(core::time_point slot, const std::string &worker, core::time_point now) override;
  void finish(core::time_point slot, core::run_outcome outcome, core::time_point now) override;
  std::optional<core::schedule_run> latest() override;

 private:
  connection_pool &pool_;
};

}  // namespace ssrlink::odbc
