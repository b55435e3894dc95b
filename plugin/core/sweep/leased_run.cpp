#include "leased_run.hpp"

#include <algorithm>
#include <optional>
#include <thread>
#include <utility>

#include "../error.hpp"

namespace ssrlink::core {

namespace {

// Rule 5: soon after the earliest lease may expire, but never a busy loop nor a long nap.
constexpr std::chrono::milliseconds min_wait{20};
constexpr std::chrono::milliseconds max_wait{1000};

}  // namespace

leased_run::leased_run(batch_leases &leases, const clock &clock, logger &log, lease_terms terms)
    : leases_(leases), clock_(clock), log_(log), terms_(std::move(terms)) {}

void leased_run::plan(const std::vector<student_range> &ranges, time_point now) {
  leases_.create(terms_.run_key, ranges, now);
}

void leased_run::run(const batch_work &work, const batch_done &done) {
  for (;;) {
    const std::optional<claimed_batch> batch =
        leases_.claim(terms_.run_key, terms_.worker, clock_.now(), terms_.lease);
    if (!batch) {
      const std::optional<time_point> pending = leases_.pending_until(terms_.run_key);
      if (!pending) {
        return;
      }
      std::this_thread::sleep_for(std::clamp<std::chrono::milliseconds>(
          *pending - clock_.now() + min_wait, min_wait, max_wait));
      continue;
    }
    const bool complete = work_on(*batch, work);
    done();
    if (!complete) {
      return;
    }
  }
}

// Rules 1 to 4 for one claimed batch.
bool leased_run::work_on(const claimed_batch &batch, const batch_work &work) {
  time_point renewed_at = clock_.now();
  bool complete = false;
  try {
    complete = work(batch.range, [&] { keep_alive(batch, renewed_at); });
  } catch (...) {
    try {
      leases_.release(batch, terms_.worker);
    } catch (const failure &) {
      // Rule 2: the lease expires on its own.
    }
    throw;
  }
  if (!complete) {
    leases_.release(batch, terms_.worker);
    return false;
  }
  if (!leases_.finish(batch, terms_.worker, clock_.now())) {
    warn(
        " lost its lease on a batch before finishing it; another worker may have checked the "
        "same students (no notice is sent twice).");
  }
  return true;
}

void leased_run::keep_alive(const claimed_batch &batch, time_point &renewed_at) {
  const time_point now = clock_.now();
  if (now - renewed_at < terms_.lease / 2) {
    return;
  }
  renewed_at = now;
  if (!leases_.renew(batch, terms_.worker, now, terms_.lease)) {
    warn(
        " could not renew its lease on a batch; another worker may check the same students (no "
        "notice is sent twice).");
  }
}

void leased_run::warn(const std::string &what) {
  log_.log(log_level::warning, "Sweep worker " + terms_.worker + what);
}

}  // namespace ssrlink::core
