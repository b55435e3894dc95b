// The sweep end to end: sweep_worker PROCESSES against one real PostgreSQL database and the
// real fake-ets over TLS. Several workers at once, workers SIGKILLed at random points, the DNR
// and hidden-contact wording, Preliminary results, and dry runs.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "sweep_world.hpp"

namespace ssrlink::sweep::testing {
namespace {

namespace fs = std::filesystem;
using ets::testing::temp_dir;

boost::json::object result_of(const worker_process &w) {
  return boost::json::parse(w.output()).as_object();
}

std::int64_t field(const boost::json::object &o, const char *key) {
  return o.at(key).to_number<std::int64_t>();
}

// Every outbox row is unique per (student, contact, report) and the totals are what the
// district's rules call for: nothing lost, nothing twice.
void expect_exactly_once(database &db) {
  const synthetic_district &d = world->district;
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox"), d.expected_notices());
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM (SELECT DISTINCT student_id, contact_sequence, "
                      "report_key FROM ssrlink_outbox) x"),
            d.expected_notices());
  EXPECT_EQ(db.scalar("SELECT COUNT(DISTINCT student_id) FROM ssrlink_outbox"), d.notifying());
  // Each notifying student has its SB row for this year, stamped as e-mailed.
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE status = 'Final' AND "
                      "report_key = 'SB:" +
                      d.this_year + "' AND emailed_at IS NOT NULL"),
            d.notifying());
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE notice = 'partial'"),
            d.expected_no_email());
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_sweep_lease WHERE done_at IS NULL"), 0);
}

struct lease_claim {
  std::string worker;
  std::int64_t from = 0, until = 0;
};

TEST(SweepProcesses, ThreeWorkersNotifyEveryGuardianExactlyOnce) {
  database db("sweep_three");
  temp_dir dir;
  const fs::path trace = dir.path() / "trace";
  world->ets->control(world->ca_file, "reset-stats", "{}");
  std::vector<std::unique_ptr<worker_process>> workers;
  for (const char *name : {"w1", "w2", "w3"}) {
    workers.push_back(std::make_unique<worker_process>(
        dir.path(), name,
        worker_args(
            db,
            std::string(R"({"scope": "district", "concurrency": 8, "worker": ")") + name + "\"}",
            trace)));
  }
  std::int64_t checked = 0, queued = 0, no_email = 0, no_ssid = 0;
  for (auto &w : workers) {
    ASSERT_EQ(w->wait(), 0) << w->errors();
    const auto result = result_of(*w);
    checked += field(result, "students_checked");
    queued += field(result, "notices_queued");
    no_email += field(result, "no_email");
    no_ssid += field(result, "no_ssid");
    // A worker that checked students met the SSIDs ETS does not know (5 in every batch).
    if (field(result, "students_checked") > 0) {
      EXPECT_TRUE(result.at("errors").as_object().contains("ssid_not_found")) << w->output();
    }
  }
  const synthetic_district &d = world->district;
  EXPECT_EQ(checked, d.students);  // every student by exactly one worker
  EXPECT_EQ(no_ssid, d.students / 10);
  EXPECT_EQ(queued, d.expected_notices());
  EXPECT_EQ(no_email, d.expected_no_email());
  EXPECT_EQ(world->report_requests(), d.with_ssid());  // ETS asked once per student
  expect_exactly_once(db);

  // No batch was ever held by two live leases, and each was finished exactly once.
  std::map<std::string, std::vector<lease_claim>> claims;
  std::map<std::string, int> finished;
  std::istringstream lines(fs::exists(trace) ? [&] {
    std::ifstream in(trace);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }() : std::string());
  std::string kind, key, worker, outcome;
  std::int64_t a = 0, b = 0;
  std::set<std::string> workers_seen;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream in(line);
    in >> kind >> key >> worker;
    workers_seen.insert(worker);
    if (kind == "claim") {
      in >> a >> b;
      claims[key].push_back({worker, a, b});
    } else if (kind == "renew") {
      in >> a >> outcome;
      ASSERT_EQ(outcome, "ok") << line;
      if (!claims[key].empty() && claims[key].back().worker == worker) {
        claims[key].back().until = a;  // the live lease now lasts longer
      }
    } else {
      in >> a >> outcome;
      ASSERT_EQ(outcome, "ok") << line;
      ++finished[key];
      for (lease_claim &c : claims[key]) {
        if (c.worker == worker && c.from <= a && a < c.until) {
          c.until = a;  // the lease ended when the batch was done
        }
      }
    }
  }
  EXPECT_EQ(static_cast<std::int64_t>(claims.size()), (d.students + batch_size - 1) / batch_size);
  for (const auto &[lease, list] : claims) {
    EXPECT_EQ(finished[lease], 1) << lease;
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        const bool overlap = list[i].from < list[j].until && list[j].from < list[i].until;
        EXPECT_FALSE(overlap) << lease << " held by " << list[i].worker << " and "
                              << list[j].worker;
      }
    }
  }
  EXPECT_GE(workers_seen.size(), 2u);  // the work really was shared
}

TEST(SweepProcesses, KilledWorkersLoseNothingAndDuplicateNothing) {
  database db("sweep_killed");
  temp_dir dir;
  std::mt19937 random(std::random_device{}());
  // Concurrency 1 against fake-ets's 5 ms per answer: a whole run takes at least 5 s, so each of
  // the four kills (at most 0.6 s in) lands part way, whatever the build type.
  const std::string request =
      R"({"scope": "district", "concurrency": 1, "worker": "k1", "lease_seconds": 2})";
  int killed = 0;
  for (int round = 0; round < 4; ++round) {
    worker_process w(dir.path(), "k1-" + std::to_string(round),
                     worker_args(db, request, dir.path() / "trace"));
    // A random point of its run: while planning, fetching, or inside a transaction.
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 500));
    if (w.kill_now() == 128 + SIGKILL) {
      ++killed;  // it was still running: killed part way
    }
  }
  ASSERT_EQ(killed, 4);
  // Partial work is there and consistent already: every notice row has its log row.
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox o WHERE NOT EXISTS (SELECT 1 FROM "
                      "ssrlink_report_log l WHERE l.student_id = o.student_id AND "
                      "l.report_key = o.report_key)"),
            0);
  // Another worker finishes the run: it takes k1's last batch once k1's lease has expired.
  const auto started = std::chrono::steady_clock::now();
  worker_process finisher(
      dir.path(), "k2",
      worker_args(db, R"({"scope": "district", "concurrency": 8, "worker": "k2"})",
                  dir.path() / "trace"));
  ASSERT_EQ(finisher.wait(), 0) << finisher.errors();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(60));
  expect_exactly_once(db);
}

TEST(SweepProcesses, HiddenStudentsAndContactsAreToldToContactTheSchool) {
  database db("sweep_wording");
  temp_dir dir;
  worker_process w(
      dir.path(), "solo",
      worker_args(db, R"({"scope": "district", "worker": "solo"})", dir.path() / "trace"));
  ASSERT_EQ(w.wait(), 0) << w.errors();
  // DNR (g % 10 = 2) and HCI (g % 10 = 3) students, and hidden contact 2 (g % 7 = 0): no
  // portal directions, in any language; everyone else is sent to the portal page.
  const std::string hidden =
      "(o.student_id % 10 IN (2, 3) OR (o.contact_sequence = 2 AND o.student_id % 7 = 0))";
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox o WHERE " + hidden +
                      " AND o.body_text LIKE '%State Test Scores Reports%'"),
            0);
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox o WHERE " + hidden +
                      " AND o.language = 'en' AND o.body_text LIKE '%contact the school%'"),
            0);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox o WHERE NOT " + hidden +
                      " AND o.body_text NOT LIKE '%Test Scores > State Test Scores Reports%'"),
            0);
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox o WHERE " + hidden), 0);
  // Guardians are written to in their language, never with a link, and markup is escaped.
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE language = 'es'"), 0);
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE language = 'zh-Hant'"), 0);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE body_html LIKE '%<a %' OR "
                      "body_html LIKE '%http%' OR body_text LIKE '%http%'"),
            0);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE body_html LIKE '%<High>%'"), 0);
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE body_html LIKE "
                      "'%Lincoln &lt;High&gt; &amp; Annex%'"),
            0);
  // Contact 3 has an email but no educational rights: never written to.
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE contact_sequence = 3"), 0);
}

TEST(SweepProcesses, PreliminaryResultsAreLoggedButNeverNotify) {
  database db("sweep_preliminary");
  temp_dir dir;
  worker_process w(
      dir.path(), "solo",
      worker_args(db, R"({"scope": "district", "worker": "solo"})", dir.path() / "trace"));
  ASSERT_EQ(w.wait(), 0) << w.errors();
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id % 10 = 1"), 0);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE status = 'Preliminary'"),
            world->district.preliminary_only());
  // Earlier years are logged quietly too.
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE report_key NOT LIKE 'SB:" +
                      world->district.this_year + "'"),
            0);
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE report_key = 'CAST:" +
                      world->district.last_year + "' AND emailed_at IS NULL"),
            0);
}

TEST(SweepProcesses, DryRunCountsButWritesNothing) {
  database db("sweep_dry");
  temp_dir dir;
  worker_process w(dir.path(), "dry",
                   worker_args(db, R"({"scope": "district", "dry_run": true, "worker": "dry"})",
                               dir.path() / "trace"));
  ASSERT_EQ(w.wait(), 0) << w.errors();
  const auto result = result_of(w);
  EXPECT_EQ(field(result, "new_reports"), world->district.notifying());
  EXPECT_EQ(field(result, "notices_queued"), world->district.expected_notices());
  for (const char *table : {"ssrlink_outbox", "ssrlink_report_log", "ssrlink_sweep_lease"}) {
    EXPECT_EQ(db.scalar(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
  }
}

}  // namespace
}  // namespace ssrlink::sweep::testing
