// The parent notification sweep (docs/abi.md, "ssrlink_sweep"): checks every student in scope
// with ETS, logs every report found, and queues one notice per guardian with educational rights
// (one per mailbox when guardians share an address) for each report that became Final in the
// school years that notify. A student the views give several rows is skipped and counted, never
// guessed at. Several processes may sweep one database at once: the work is split into
// student_id ranges claimed through leases.
//
// The parts, one concern each: leased_run.hpp shares the batches between workers,
// range_check.hpp checks one batch's students, ets_fan_out.hpp keeps the ETS calls in flight,
// report_identity.hpp detects what changed and notice_plan.hpp decides who is told. The staff
// side of the log (listing it, queueing by hand) is notification_log.hpp.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "../call_result.hpp"
#include "../credentials/credential_resolver.hpp"
#include "../ports/clock.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/logger.hpp"
#include "batch_leases.hpp"
#include "report_log.hpp"
#include "student_feed.hpp"
#include "sweep_request.hpp"
#include "sweep_result.hpp"

namespace ssrlink::core {

struct sweep_options {
  std::string default_worker = "worker";  // used when the request names no worker
  unsigned batch_size = 500;              // students per lease
};

// The database ports a sweep uses (adapters/odbc/sweep implements them).
struct sweep_ports {
  student_feed &students;
  batch_leases &leases;
  report_log &log;
};

class sweep_service {
 public:
  // Called on the sweep's thread after every batch with the counts so far (plus "batches" and
  // "worker").
  using progress_callback = std::function<void(const std::string &progress_json)>;

  // Every reference must outlive the service.
  sweep_service(sweep_ports ports, ets_client &ets, credential_resolver &credentials,
                const clock &clock, logger &log, sweep_options options = {});

  // `ssrlink_sweep`: runs to the end on the calling thread. Throws failure.
  call_result run(std::string_view request_json, const progress_callback &progress);
  sweep_counts run(const sweep_request &request, const progress_callback &progress);

 private:
  sweep_ports ports_;
  ets_client &ets_;
  credential_resolver &credentials_;
  const clock &clock_;
  logger &log_;
  sweep_options options_;
};

}  // namespace ssrlink::core
