#include "sweep_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdint>
#include <utility>
#include <vector>

#include "leased_run.hpp"
#include "range_check.hpp"

namespace ssrlink::core {

sweep_service::sweep_service(sweep_ports ports, ets_client &ets, credential_resolver &credentials,
                             const clock &clock, logger &log, sweep_options options)
    : ports_(ports),
      ets_(ets),
      credentials_(credentials),
      clock_(clock),
      log_(log),
      options_(std::move(options)) {}

call_result sweep_service::run(std::string_view request_json, const progress_callback &progress) {
  const sweep_request request = parse_sweep_request(request_json, options_.default_worker);
  return {status::ok, run(request, progress).to_json()};
}

sweep_counts sweep_service::run(const sweep_request &request, const progress_callback &progress) {
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
    check.counts().elapsed_ms = (clock_.now() - started).count();
    boost::json::object json = boost::json::parse(check.counts().to_json()).as_object();
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
  sweep_counts &counts = check.counts();
  counts.elapsed_ms = (clock_.now() - started).count();
  log_.log(log_level::info, "Sweep " + run_key + (request.dry_run ? " (dry run)" : "") + " by " +
                                request.worker + " finished: " + counts.to_json());
  return counts;
}

}  // namespace ssrlink::core
