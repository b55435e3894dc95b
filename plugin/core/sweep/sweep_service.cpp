#include "sweep_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdint>
#include <utility>
#include <vector>

#include "leased_run.hpp"
#include "notice_plan.hpp"
#include "range_check.hpp"
#include "schedule_gate.hpp"
#include "summary_template.hpp"

namespace ssrlink::core {

sweep_service::sweep_service(sweep_ports ports, settings_source settings, ets_client &ets,
                             credential_resolver &credentials, const clock &clock, logger &log,
                             sweep_options options)
    : ports_(ports),
      settings_(std::move(settings)),
      ets_(ets),
      credentials_(credentials),
      clock_(clock),
      log_(log),
      options_(std::move(options)) {}

call_result sweep_service::run(std::string_view request_json, const progress_callback &progress) {
  const district_settings settings = current_settings();
  const sweep_request request =
      parse_sweep_request(request_json, options_.default_worker, settings.sweep);
  if (request.when_due) {
    return {status::ok, run_when_due(request, settings, progress)};
  }
  return {status::ok, sweep(request, settings, std::nullopt, progress).to_json()};
}

sweep_counts sweep_service::run(const sweep_request &request, const progress_callback &progress) {
  return sweep(request, current_settings(), std::nullopt, progress);
}

district_settings sweep_service::current_settings() const {
  return settings_ ? settings_() : district_settings{};
}

// {"ran": false, "next_due": ...} when the gate claims no slot for this process; otherwise the
// counts with "ran": true and the slot, the run's end recorded either way it ends.
std::string sweep_service::run_when_due(const sweep_request &request,
                                        const district_settings &settings,
                                        const progress_callback &progress) {
  schedule_gate gate(ports_.schedule, options_.zones, clock_, log_);
  const gate_answer answer = gate.open(settings.schedule, request.worker);
  if (!answer.slot) {
    boost::json::object out;
    out["ran"] = false;
    if (answer.next_due) {
      out["next_due"] = format_utc(*answer.next_due);
    } else {
      out["next_due"] = nullptr;
    }
    return boost::json::serialize(out);
  }
  sweep_counts counts;
  try {
    counts = sweep(request, settings, answer.slot, progress);
  } catch (...) {
    gate.close(*answer.slot, run_outcome::failed);
    throw;
  }
  gate.close(*answer.slot, run_outcome::ok);
  boost::json::object out = boost::json::parse(counts.to_json()).as_object();
  out["ran"] = true;
  out["slot"] = format_utc(*answer.slot);
  return boost::json::serialize(out);
}

sweep_counts sweep_service::sweep(const sweep_request &request, const district_settings &settings,
                                  const std::optional<time_point> &slot,
                                  const progress_callback &progress) {
  const time_point started = clock_.now();
  range_check check(ports_.students, ports_.log, ets_, credentials_, clock_, log_, request);
  // A run is the scope on one day: a rerun the same day (after a crash, or by another process)
  // resumes the batches not done yet instead of starting over.
  const std::string run_key =
      request.scope + "@" + format_day(std::chrono::floor<std::chrono::days>(started));
  const std::vector<student_range> ranges =
      ports_.students.plan_ranges(request.school(), options_.batch_size);
  std::int64_t batches = 0;
  const auto batch_done = [&] {
    ++batches;
    if (!progress) {
      return;
    }
    sweep_counts so_far = check.counts();
    so_far.elapsed_ms = (clock_.now() - started).count();
    boost::json::object json = boost::json::parse(so_far.to_json()).as_object();
    json["batches"] = batches;
    json["worker"] = request.worker;
    progress(boost::json::serialize(json));
  };
  if (request.dry_run) {
    // A dry run writes nothing, leases included: it walks the ranges itself.
    for (const student_range &range : ranges) {
      const bool complete = check.check(range, [] {});
      batch_done();
      if (!complete) {
        break;
      }
    }
  } else {
    leased_run leased(ports_.leases, clock_, log_, {run_key, request.worker, request.lease});
    leased.plan(ranges, started);
    leased.run(
        [&](const student_range &range, const std::function<void()> &keep_alive) {
          return check.check(range, keep_alive);
        },
        batch_done);
  }
  sweep_counts counts = check.counts();
  counts.elapsed_ms = (clock_.now() - started).count();
  log_.log(log_level::info, "Sweep " + run_key + (request.dry_run ? " (dry run)" : "") + " by " +
                                request.worker + " finished: " + counts.to_json());
  if (!request.dry_run) {
    // The slot names a scheduled run; the run key a run the same day by hand: either way a rerun
    // finds its summaries queued already.
    queue_summary(request, settings, "summary:" + (slot ? format_utc(*slot) : run_key), started,
                  counts);
  }
  return counts;
}

// One summary row per recipient, numbered by its place in the list. A failure is logged, not
// thrown: the run's notices are queued, and its counts are the answer the host waits for.
void sweep_service::queue_summary(const sweep_request &request, const district_settings &settings,
                                  const std::string &summary_key, time_point started,
                                  const sweep_counts &counts) {
  if (settings.summary_recipients.empty()) {
    return;
  }
  // The district's day of the run, when its time zone can be read; the UTC day otherwise.
  const std::optional<time_zone> zone = load_zone(options_.zones, settings.schedule.time_zone);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(started);
  const std::chrono::local_seconds local =
      zone ? zone->to_local(seconds) : std::chrono::local_seconds{seconds.time_since_epoch()};
  const day_point day{std::chrono::floor<std::chrono::days>(local).time_since_epoch()};
  const notice_text text = compose_summary({request.scope, format_day(day), counts});
  int queued = 0;
  for (std::size_t i = 0; i < settings.summary_recipients.size(); ++i) {
    const std::string_view address = trimmed_email(settings.summary_recipients[i]);
    if (!usable_email(address)) {
      log_.log(log_level::warning, "Sweep summary recipient " + std::to_string(i + 1) +
                                       " is not one usable email address; skipped.");
      continue;
    }
    const outbox_row row{static_cast<int>(i + 1), std::string(address), text.language, text.subject,
                         text.body_text,          text.body_html,       summary_key};
    try {
      queued += ports_.outbox.queue_summary(row, clock_.now()) ? 1 : 0;
    } catch (const failure &f) {
      log_.log(log_level::warning, "The sweep's completion summary " + summary_key +
                                       " could not be queued: " + f.what() + " " + f.detail());
      return;
    }
  }
  log_.log(log_level::info, "Sweep summary " + summary_key + " queued for " +
                                std::to_string(queued) + " recipient(s).");
}

}  // namespace ssrlink::core
