#include "schedule_gate.hpp"

#include "../error.hpp"
#include "../settings/time_zone_name.hpp"
#include "schedule_due.hpp"

namespace ssrlink::core {

schedule_gate::schedule_gate(schedule_runs &runs, const zone_source &zones, const clock &clock,
                             logger &log)
    : runs_(runs), zones_(zones), clock_(clock), log_(log) {}

gate_answer schedule_gate::open(const sweep_schedule &schedule, const std::string &worker) {
  if (!schedule.enabled) {
    return {};  // schedule_due.hpp, rule 1: no zone needed
  }
  const std::optional<time_zone> zone = load_zone(zones_, schedule.time_zone);
  if (!zone) {
    const std::string named =
        is_plain_time_zone_name(schedule.time_zone) ? " \"" + schedule.time_zone + "\"" : "";
    throw failure(status::config,
                  "The sweep schedule's time zone" + named +
                      " is not in this machine's time zone database (/usr/share/zoneinfo): "
                      "install the tzdata package, or choose another time zone in the settings.");
  }
  const time_point now = clock_.now();
  const schedule_verdict verdict = decide_schedule(schedule, *zone, now, runs_.latest());
  gate_answer answer{std::nullopt, verdict.next_due};
  if (verdict.reason != schedule_reason::due) {
    return answer;
  }
  if (!runs_.claim(*verdict.slot, worker, now)) {
    log_.log(log_level::debug, "Scheduled sweep " + format_utc(*verdict.slot) +
                                   ": another process claimed it first; " + worker +
                                   " does not run it.");
    return answer;
  }
  log_.log(log_level::info,
           "Scheduled sweep " + format_utc(*verdict.slot) + " claimed by " + worker + ".");
  answer.slot = verdict.slot;
  return answer;
}

void schedule_gate::close(time_point slot, run_outcome outcome) noexcept {
  try {
    runs_.finish(slot, outcome, clock_.now());
  } catch (const std::exception &e) {
    try {
      log_.log(log_level::warning, "Scheduled sweep " + format_utc(slot) + " ended (" +
                                       to_string(outcome) +
                                       ") but its end could not be recorded: " + e.what());
    } catch (...) {
      // Out of memory while logging: nothing more to do.
    }
  }
}

}  // namespace ssrlink::core
