// Sweep throughput: a synthetic district of N students (tests/integration/sweep) in a throwaway
// PostgreSQL server, fake-ets answering every report request 50 ms late, and K sweep_worker
// processes at concurrency C each. Prints students/s against the ceiling C*K / latency and the
// wall time.
//
//   sweep_bench [--students N=20000] [--concurrency C=64] [--workers K=1] [--latency-ms L=50]
//               [--batch-size B=500]
//
// The first run over a district notifies (a transaction per student with new reports); the
// second, the next day's shape, only reads. Both are timed.
#include <boost/json/parse.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ets/fake_ets_process.hpp"
#include "postgres/postgres_server.hpp"
#include "synthetic_district.hpp"
#include "worker_process.hpp"

namespace {

using namespace ssrlink;
using namespace ssrlink::sweep::testing;

struct run_figures {
  double seconds = 0;
  std::int64_t checked = 0;
  std::int64_t notices = 0;
};

run_figures sweep_once(const std::filesystem::path &dir, const std::string &odbc,
                       const ets::testing::fake_ets_process &ets, const std::filesystem::path &ca,
                       unsigned workers, unsigned concurrency, unsigned batch,
                       const std::string &label) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<worker_process>> running;
  for (unsigned i = 0; i < workers; ++i) {
    const std::string name = label + "-" + std::to_string(i);
    const std::string request = R"({"scope": "district", "concurrency": )" +
                                std::to_string(concurrency) + R"(, "worker": ")" + name + "\"}";
    running.push_back(std::make_unique<worker_process>(
        dir, name,
        std::vector<std::string>{"--odbc", odbc, "--base-url", ets.base_url(), "--ca-file",
                                 ca.string(), "--username", ets_user, "--request", request,
                                 "--batch-size", std::to_string(batch), "--max-connections",
                                 std::to_string(concurrency), "--pool", "4"}));
  }
  run_figures f;
  for (auto &w : running) {
    if (w->wait() != 0) {
      throw std::runtime_error("a worker failed: " + w->errors());
    }
    const auto result = boost::json::parse(w->output()).as_object();
    f.checked += result.at("students_checked").to_number<std::int64_t>();
    f.notices += result.at("notices_queued").to_number<std::int64_t>();
  }
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return f;
}

}  // namespace

int main(int argc, char **argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) {
    args[argv[i]] = argv[i + 1];
  }
  const auto number = [&](const char *key, long fallback) {
    return args.count(key) ? std::stol(args[key]) : fallback;
  };
  const std::int64_t students = number("--students", 20000);
  const auto concurrency = static_cast<unsigned>(number("--concurrency", 64));
  const auto workers = static_cast<unsigned>(number("--workers", 1));
  const int latency = static_cast<int>(number("--latency-ms", 50));
  const auto batch = static_cast<unsigned>(number("--batch-size", 500));
  try {
    const auto setup_started = std::chrono::steady_clock::now();
    const synthetic_district district = synthetic_district::of(students, latency);
    test::postgres_server postgres;
    postgres.psql("postgres", "CREATE DATABASE sweep_bench");
    const std::filesystem::path sql = SSRLINK_SQL_DIR;
    postgres.psql_file("sweep_bench", sql / "postgresql" / "reference-host.sql");
    postgres.psql_file("sweep_bench", sql / "postgresql" / "install.sql");
    postgres.psql_file("sweep_bench", sql / "postgresql" / "migrations" / "0002_sweep.sql");
    postgres.psql("sweep_bench", district.host_sql());
    ets::testing::temp_dir dir;
    ets::testing::make_cert(dir.path() / "cert");
    const auto ca = dir.path() / "cert" / "ca.pem";
    ets::testing::fake_ets_process ets(dir.path(), district.fixture_json(), dir.path() / "cert");
    ::setenv("SSRLINK_SWEEP_SECRET", ets_secret.c_str(), 1);
    std::cout
        << "setup: " << students << " students in "
        << std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_started).count()
        << " s\n";
    const std::string odbc = postgres.odbc_connection_string("sweep_bench");
    const double ceiling = 1000.0 * concurrency * workers / latency;
    const auto report = [&](const char *what, const run_figures &f) {
      std::cout << what << ": " << f.checked << " students, " << f.notices << " notices, "
                << f.seconds << " s wall, " << static_cast<double>(f.checked) / f.seconds
                << " students/s (ceiling " << ceiling << " students/s = " << concurrency * workers
                << " in flight / " << latency << " ms)\n";
    };
    report("first sweep (notifies)",
           sweep_once(dir.path(), odbc, ets, ca, workers, concurrency, batch, "first"));
    // The same day's run is finished; clearing its leases makes the next run the shape of the
    // next day's: every student checked again, nothing new to notify.
    postgres.psql("sweep_bench", "DELETE FROM ssrlink_sweep_lease");
    report("second sweep (nothing new)",
           sweep_once(dir.path(), odbc, ets, ca, workers, concurrency, batch, "second"));
    if (district.expected_notices() > 0) {
      std::cout << "expected notices: " << district.expected_notices() << "\n";
    }
    return 0;
  } catch (const std::exception &e) {
    std::cerr << "sweep_bench failed: " << e.what() << '\n';
    return 1;
  }
}
