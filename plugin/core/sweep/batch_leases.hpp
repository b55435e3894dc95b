// Port: how several processes share one sweep run. The run's student ranges become leases in
// the database; a worker claims one, renews it while it works, and finishes or releases it
// (adapters/odbc/sweep implements it).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "../time.hpp"
#include "sweep_records.hpp"

namespace ssrlink::core {

class batch_leases {
 public:
  virtual ~batch_leases() = default;

  // Creates the run's leases unless another process already did (one transaction, so a run is
  // either fully planned or not at all). Returns true when this call created them.
  virtual bool create(const std::string &run_key, const std::vector<student_range> &ranges,
                      time_point now) = 0;
  // Claims one batch of the run that is not done and whose lease has expired or belongs to
  // `worker` already (a restarted worker resumes its own batches at once). Checked by row count,
  // so a batch is never held by two live leases.
  virtual std::optional<claimed_batch> claim(const std::string &run_key, const std::string &worker,
                                             time_point now, std::chrono::seconds lease) = 0;
  // Pushes the lease's expiry to now + lease while this worker still holds it (a batch taking
  // longer than expected, e.g. ETS timing out); false when the lease was lost.
  virtual bool renew(const claimed_batch &batch, const std::string &worker, time_point now,
                     std::chrono::seconds lease) = 0;
  // Marks the batch done, if this worker still holds it; false when the lease was lost.
  virtual bool finish(const claimed_batch &batch, const std::string &worker, time_point now) = 0;
  // Gives the batch back unfinished (max_students reached, or the batch failed).
  virtual void release(const claimed_batch &batch, const std::string &worker) = 0;
  // The earliest expiry among the run's batches not done yet (all held by other workers' live
  // leases once claim found nothing); nullopt when every batch is done.
  virtual std::optional<time_point> pending_until(const std::string &run_key) = 0;
};

}  // namespace ssrlink::core
