#include "odbc/sweep/odbc_batch_leases.hpp"

#include <algorithm>
#include <functional>

#include "odbc/diagnostics.hpp"
#include "odbc/dialect.hpp"
#include "odbc/statement.hpp"
#include "odbc/sweep/manual_transaction.hpp"

namespace ssrlink::odbc {
namespace {

using core::time_point;

// What the statements touch, for the sentence a person reads when one fails. A function, not a
// global: building it allocates, and a failure before main() could not be caught.
const db_action &use_leases() {
  static const db_action action{"share the sweep between workers",
                                {{"ssrlink_sweep_lease", "table"}}};
  return action;
}

std::string lease_key(const std::string &run_key, const core::student_range &r) {
  return run_key + "|" + std::to_string(r.first_id) + "|" + std::to_string(r.last_id);
}

// The range back from a lease key; false for the plan row and for anything malformed.
bool parse_range(const std::string &key, core::student_range &out) {
  const std::size_t last_bar = key.rfind('|');
  if (last_bar == std::string::npos || last_bar == 0) {
    return false;
  }
  const std::size_t first_bar = key.rfind('|', last_bar - 1);
  if (first_bar == std::string::npos) {
    return false;
  }
  try {
    out.first_id = std::stoll(key.substr(first_bar + 1, last_bar - first_bar - 1));
    out.last_id = std::stoll(key.substr(last_bar + 1));
  } catch (const std::exception &) {
    return false;
  }
  return true;
}

// A lease as claim() found it; the UPDATE that takes it matches all of these, so it fails when
// another worker changed the row in between.
struct candidate {
  std::string key, worker;
  time_point claimed_at{}, expires_at{};
};

std::vector<candidate> claimable(connection &c, const std::string &run_key,
                                 const std::string &worker, time_point now) {
  std::vector<candidate> candidates;
  statement &select =
      c.prepare("SELECT " + top_prefix(c.sql_dialect(), 16) +
                "lease_key, worker, claimed_at, expires_at FROM ssrlink_sweep_lease "
                "WHERE lease_key LIKE ? AND done_at IS NULL "
                "AND (expires_at < CAST(? AS BIGINT) OR worker = ?) "
                "ORDER BY CASE WHEN worker = ? THEN 0 ELSE 1 END, lease_key" +
                limit_suffix(c.sql_dialect(), 16));
  select.execute({parameter::of(run_key + "|%"), parameter::of(now), parameter::of(worker),
                  parameter::of(worker)});
  while (select.fetch()) {
    candidate k;
    k.key = select.text(1).value_or("");
    k.worker = select.text(2).value_or("");
    k.claimed_at = select.time(3).value_or(time_point{});
    k.expires_at = select.time(4).value_or(time_point{});
    candidates.push_back(std::move(k));
  }
  select.close();
  return candidates;
}

}  // namespace

bool odbc_batch_leases::create(const std::string &run_key,
                               const std::vector<core::student_range> &ranges, time_point now) {
  bool created = false;
  pool_.run(use_leases(), [&](connection &c) {
    created = false;
    manual_transaction tx(c);
    statement &insert = c.prepare(
        "INSERT INTO ssrlink_sweep_lease (lease_key, worker, claimed_at, expires_at, done_at) "
        "VALUES (?, ?, ?, ?, ?)");
    try {
      // The plan row goes first: a second planner waits on it (or fails on it) and then
      // finds the whole plan committed.
      insert.execute({parameter::of(run_key + "|plan"), parameter::of(std::string_view("")),
                      parameter::of(now), parameter::of(std::int64_t{0}), parameter::of(now)});
    } catch (const database_error &e) {
      if (is_duplicate_key(e.records())) {
        return;
      }
      throw;
    }
    for (const core::student_range &r : ranges) {
      insert.execute({parameter::of(lease_key(run_key, r)), parameter::of(std::string_view("")),
                      parameter::of(std::int64_t{0}), parameter::of(std::int64_t{0}),
                      parameter::null_integer()});
    }
    tx.commit();
    created = true;
  });
  return created;
}

std::optional<core::claimed_batch> odbc_batch_leases::claim(const std::string &run_key,
                                                            const std::string &worker,
                                                            time_point now,
                                                            std::chrono::seconds lease) {
  std::optional<core::claimed_batch> claimed;
  pool_.run(use_leases(), [&](connection &c) {
    claimed.reset();
    const std::vector<candidate> candidates = claimable(c, run_key, worker, now);
    // Workers start at different candidates so that they rarely race for the same row; the
    // conditional UPDATE decides any race that remains.
    const std::size_t start =
        candidates.empty() ? 0 : std::hash<std::string>{}(worker) % candidates.size();
    statement &take = c.prepare(
        "UPDATE ssrlink_sweep_lease SET worker = ?, claimed_at = ?, expires_at = ? "
        "WHERE lease_key = ? AND done_at IS NULL AND worker = ? "
        "AND claimed_at = CAST(? AS BIGINT) AND expires_at = CAST(? AS BIGINT)");
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const candidate &k = candidates[(start + i) % candidates.size()];
      core::student_range range;
      if (!parse_range(k.key, range)) {
        continue;
      }
      // A later claimed_at than the previous holder's, even within one millisecond: it is what
      // tells this claim's renew/finish/release from the previous holder's.
      const time_point claimed_at = std::max(now, k.claimed_at + std::chrono::milliseconds{1});
      const time_point expires_at = claimed_at + lease;
      take.execute({parameter::of(worker), parameter::of(claimed_at), parameter::of(expires_at),
                    parameter::of(k.key), parameter::of(k.worker), parameter::of(k.claimed_at),
                    parameter::of(k.expires_at)});
      if (take.affected_rows() == 1) {
        claimed = core::claimed_batch{k.key, range, claimed_at};
        return;
      }
    }
  });
  return claimed;
}

bool odbc_batch_leases::renew(const core::claimed_batch &batch, const std::string &worker,
                              time_point now, std::chrono::seconds lease) {
  bool renewed = false;
  pool_.run(use_leases(), [&](connection &c) {
    statement &s = c.prepare(
        "UPDATE ssrlink_sweep_lease SET expires_at = ? WHERE lease_key = ? AND worker = ? "
        "AND claimed_at = CAST(? AS BIGINT) AND done_at IS NULL AND expires_at > CAST(? AS "
        "BIGINT)");
    s.execute({parameter::of(now + lease), parameter::of(batch.lease_key), parameter::of(worker),
               parameter::of(batch.claimed_at), parameter::of(now)});
    renewed = s.affected_rows() == 1;
  });
  return renewed;
}

bool odbc_batch_leases::finish(const core::claimed_batch &batch, const std::string &worker,
                               time_point now) {
  bool finished = false;
  pool_.run(use_leases(), [&](connection &c) {
    statement &s = c.prepare(
        "UPDATE ssrlink_sweep_lease SET done_at = ? WHERE lease_key = ? AND worker = ? "
        "AND claimed_at = CAST(? AS BIGINT) AND done_at IS NULL");
    s.execute({parameter::of(now), parameter::of(batch.lease_key), parameter::of(worker),
               parameter::of(batch.claimed_at)});
    finished = s.affected_rows() == 1;
  });
  return finished;
}

void odbc_batch_leases::release(const core::claimed_batch &batch, const std::string &worker) {
  pool_.run(use_leases(), [&](connection &c) {
    statement &s = c.prepare(
        "UPDATE ssrlink_sweep_lease SET expires_at = 0 WHERE lease_key = ? AND worker = ? "
        "AND claimed_at = CAST(? AS BIGINT) AND done_at IS NULL");
    s.execute(
        {parameter::of(batch.lease_key), parameter::of(worker), parameter::of(batch.claimed_at)});
  });
}

std::optional<time_point> odbc_batch_leases::pending_until(const std::string &run_key) {
  std::optional<time_point> until;
  pool_.run(use_leases(), [&](connection &c) {
    statement &s = c.prepare(
        "SELECT MIN(expires_at) FROM ssrlink_sweep_lease WHERE lease_key LIKE ? "
        "AND done_at IS NULL");
    s.execute({parameter::of(run_key + "|%")});
    until = s.fetch() ? s.time(1) : std::nullopt;
    s.close();
  });
  return until;
}

}  // namespace ssrlink::odbc
