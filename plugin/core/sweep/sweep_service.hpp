// The parent notification sweep (docs/abi.md, "ssrlink_sweep"): checks every student in scope
// with ETS, logs every report found, and queues one notice per guardian with educational rights
// (one per mailbox when guardians share an address) for each report that became Final in the
// school years that notify. A student the views give several rows is skipped and counted, never
// guessed at. Several processes may sweep one database at once: the work is split into
// student_id ranges claimed through leases.
//
// The parts, one concern each: leased_run.hpp shares the batches between workers,
// range_check.hpp checks one batch's students, ets_fan_out.hpp keeps the ETS calls in flight,
// report_identity.hpp detects what changed, notice_plan.hpp decides who is told, and
// write_pipeline.hpp writes it, several students per transaction, on a thread of its own while
// the ETS calls go on. The staff
// side of the log (listing it, queueing by hand) is notification_log.hpp.
//
// Around the run: options the request leaves out come from the settings' sweep_defaults; a
// request with "when_due" runs only when schedule_gate.hpp claims a due slot for it; and a run
// that is not a dry run ends by queueing its completion summary (summary_template.hpp) for each
// of the settings' summary_recipients.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "../call_result.hpp"
#include "../credentials/credential_resolver.hpp"
#include "../ports/clock.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/logger.hpp"
#include "../settings/district_settings.hpp"
#include "batch_leases.hpp"
#include "notice_outbox.hpp"
#include "report_log.hpp"
#include "schedule_runs.hpp"
#include "student_feed.hpp"
#include "sweep_request.hpp"
#include "sweep_result.hpp"
#include "zone_files.hpp"

namespace ssrlink::core {

struct sweep_options {
  std::string default_worker = "worker";     // used when the request names no worker
  unsigned batch_size = 500;                 // students per lease
  zone_source zones = zoneinfo_directory();  // the schedule's time zone files
};

// The database ports a sweep uses (adapters/odbc/sweep implements them).
struct sweep_ports {
  student_feed &students;
  batch_leases &leases;
  report_log &log;
  notice_outbox &outbox;    // the completion summary
  schedule_runs &schedule;  // the claims of "when_due"
};

class sweep_service {
 public:
  // Called on the sweep's thread after every batch with the counts so far (plus "batches" and
  // "worker").
  using progress_callback = std::function<void(const std::string &progress_json)>;

  // Every reference must outlive the service. `settings` gives the settings in force (an empty
  // function: the defaults, so no summary and no schedule).
  sweep_service(sweep_ports ports, settings_source settings, ets_client &ets,
                credential_resolver &credentials, const clock &clock, logger &log,
                sweep_options options = {});

  // `ssrlink_sweep`: runs to the end on the calling thread, and answers the counts; with
  // "when_due", {"ran": false, "next_due": ...} at once when no run is due, else the counts with
  // "ran": true and "slot". Throws failure.
  call_result run(std::string_view request_json, const progress_callback &progress);
  // A parsed request (its defaults already applied); "when_due" is not looked at.
  sweep_counts run(const sweep_request &request, const progress_callback &progress);

 private:
  std::string run_when_due(const sweep_request &request, const district_settings &settings,
                           const progress_callback &progress);
  sweep_counts sweep(const sweep_request &request, const district_settings &settings,
                     const std::optional<time_point> &slot, const progress_callback &progress);
  void queue_summary(const sweep_request &request, const district_settings &settings,
                     const std::string &summary_key, time_point started,
                     const sweep_counts &counts);
  district_settings current_settings() const;

  sweep_ports ports_;
  settings_source settings_;
  ets_client &ets_;
  credential_resolver &credentials_;
  const clock &clock_;
  logger &log_;
  sweep_options options_;
};

}  // namespace ssrlink::core
