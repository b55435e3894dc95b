// How one worker takes its share of a sweep run through batch_leases: it claims a batch, keeps
// the lease alive while the batch is checked, then finishes the batch (or gives it back), until
// every batch of the run is done. Batches other workers hold are waited for, so a run ends
// complete even when a worker crashes: its lease expires and a live worker takes the batch over.
//
// Lease rules (in this order), for each batch claimed:
//  1. The lease is renewed once half of it has passed since the claim or the last renewal, so
//     only a crashed worker's batch is ever taken over; a renewal refused (the lease was lost) is
//     logged as a warning and the batch goes on (the log's unique keys keep notices single).
//  2. Work that throws gives the batch back before the exception leaves; a failure to give it
//     back is swallowed (the lease expires on its own; the first error is the one to report).
//  3. Work stopped part way (max_students) gives the batch back and ends the run for this
//     worker.
//  4. Work done finishes the batch; a finish refused (the lease was lost) is logged as a warning.
//  5. With nothing to claim, the run ends when every batch is done; otherwise the worker sleeps
//     until the earliest other lease may expire (20 ms to 1 s) and claims again.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "../ports/clock.hpp"
#include "../ports/logger.hpp"
#include "../time.hpp"
#include "batch_leases.hpp"
#include "sweep_records.hpp"

namespace ssrlink::core {

struct lease_terms {
  std::string run_key;  // the scope on one day: "district@2026-11-23"
  std::string worker;   // names this process in the lease table
  std::chrono::seconds lease{300};
};

class leased_run {
 public:
  // Checks one batch's students, calling `keep_alive` between them (rule 1); false when it
  // stopped part way (rule 3).
  using batch_work =
      std::function<bool(const student_range &range, const std::function<void()> &keep_alive)>;
  // Runs after every batch worked, whether finished or given back.
  using batch_done = std::function<void()>;

  // Every reference must outlive the run.
  leased_run(batch_leases &leases, const clock &clock, logger &log, lease_terms terms);

  // Creates the run's leases over `ranges` unless another process already did.
  void plan(const std::vector<student_range> &ranges, time_point now);
  // Claims and works batches until the run is done for this worker (rules 1 to 5).
  void run(const batch_work &work, const batch_done &done);

 private:
  bool work_on(const claimed_batch &batch, const batch_work &work);
  void keep_alive(const claimed_batch &batch, time_point &renewed_at);
  void warn(const std::string &what);

  batch_leases &leases_;
  const clock &clock_;
  logger &log_;
  lease_terms terms_;
};

}  // namespace ssrlink::core
