// The parent notification sweep (docs/abi.md) and the staff tools around its log: checks every
// student in scope with ETS (at most `concurrency` calls in flight, no thread per call), logs
// every report found, and queues one notice per guardian with educational rights for each report
// that became Final in the school years that notify. Several processes may sweep one database at
// once: the work is split into student_id ranges claimed through leases.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "../call_result.hpp"
#include "../credentials/credential_resolver.hpp"
#include "../ports/clock.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/logger.hpp"
#include "sweep_request.hpp"
#include "sweep_result.hpp"
#include "sweep_store.hpp"

namespace ssrlink::core {

struct sweep_options {
  std::string default_worker = "worker";  // used when the request names no worker
  unsigned batch_size = 500;              // students per lease
};

class sweep_service {
 public:
  // Called on the sweep's thread after every batch with the counts so far (plus "batches").
  using progress_callback = std::function<void(const std::string &progress_json)>;

  // Every reference must outlive the service.
  sweep_service(sweep_store &store, ets_client &ets, credential_resolver &credentials,
                const clock &clock, logger &log, sweep_options options = {});

  // `ssrlink_sweep`: runs to the end on the calling thread. Throws failure.
  call_result run(std::string_view request_json, const progress_callback &progress);
  sweep_counts run(const sweep_request &request, const progress_callback &progress);

  // Staff list of the report log: {"school", "tag", "leave_before", "not_viewed", "no_email",
  // "offset", "limit"} → {"entries": [...], "offset", "limit", "more"}.
  call_result list_log(std::string_view request_json);
  // Queues a notice by hand: {"student_id", "contact_sequence", "report_key"} → {"queued": bool}
  // (false when that guardian already has this notice).
  call_result queue_notice(std::string_view request_json);
  // The report page offered these reports (keys from report_key()) to a parent: stamps
  // viewed_at on rows not viewed yet.
  void record_offered(std::int64_t student_id, int contact_sequence,
                      const std::vector<std::string> &report_keys);

 private:
  class run_state;

  sweep_store &store_;
  ets_client &ets_;
  credential_resolver &credentials_;
  const clock &clock_;
  logger &log_;
  sweep_options options_;
};

// The name a failed ETS call is counted under in "errors": the ets_fault for transport
// failures ("timed_out"), the ets_error when ETS answered ("enrollment_mismatch").
std::string error_kind(const ets_failure &failure);

// True for an address worth handing to a mailer: one '@' with text either side, no spaces or
// control characters, at most 320 bytes.
bool usable_email(std::string_view email);

}  // namespace ssrlink::core
