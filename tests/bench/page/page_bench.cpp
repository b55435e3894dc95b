// The report page through the C ABI of libssrlink, as a host calls it: the district's views,
// link cache and audit rows over ODBC (SQLite, or PostgreSQL through psqlODBC), fake-ets over
// TLS on 127.0.0.1 for cache misses. The same benchmarks run on either backend.
//
//   warm_render/threads:N   ssrlink_reports, admin, the measured student, links cached
//   cold_render             the same with "refresh": true, so one ETS report request per render
//                           over the pooled keep-alive connection with a cached token
//   curl_keepalive          curl fetching the same report list on one keep-alive connection;
//                           cold_over_curl = cold_render p50 / curl p50
//   memory_flat             RSS over --renders=N warm renders (students 1001..1030), with
//                           progress and RSS at ten checkpoints on stderr
//   pg_statements           (--pg-statements) what PostgreSQL ran per warm render
//
// Run: build-bench/tests/bench/page/page_bench [--backend=sqlite|postgres] [--renders=N]
//        [--odbc-extra=OPTIONS] [--pg-options=OPTIONS] [--pg-statements] [--benchmark_filter=...]
// --odbc-extra is appended to the ODBC connection string: the SQLite driver's default
// (SyncPragma=FULL, rollback journal) syncs the disk on every audit row's commit;
// "SyncPragma=NORMAL;JournalMode=WAL" is the usual production setting.
// --backend=postgres starts a throwaway PostgreSQL server (tests/support) with PostgreSQL's
// default settings, as a district runs it; --pg-options adds server options in pg_ctl -o form,
// e.g. "-c synchronous_commit=off" (postgres_district.hpp). --pg-statements loads
// pg_stat_statements and adds the pg_statements benchmark, which prints each statement's calls
// per render.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bench_world.hpp"
#include "curl_keepalive.hpp"
#include "latency.hpp"

namespace ssrlink::bench {
namespace {

bench_world *world = nullptr;
double cold_p50_us = 0;
long renders_for_memory = 0;  // 0: as many as --benchmark_min_time allows

constexpr long first_student = 1001;
constexpr long demo_students = 30;
// The measured student: the first demo student whose page lists reports (1001 while the demo
// fixture gives SSID 2000000001 reports). Demo student 10NN has SSID 20000000NN.
long bench_student = first_student;

// Resident set size in KiB (second field of /proc/self/statm, in pages).
double rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1024.0;
}

// One render; false (the answer in `text`) unless ssrlink_reports returned SSRLINK_OK.
bool render(const std::string &request, std::string &text) {
  return world->reports(request, text) == SSRLINK_OK;
}

// Checks once, outside the timed loop, that the measured request really is what the name says.
bool check_answer(benchmark::State &state, const std::string &request, bool expect_cached) {
  std::string text;
  if (!render(request, text)) {
    state.SkipWithError(("ssrlink_reports failed: " + text).c_str());
    return false;
  }
  const auto answer = boost::json::parse(text).as_object();
  if (answer.at("outcome") != "reports" || answer.at("cached").as_bool() != expect_cached) {
    state.SkipWithError(("unexpected answer: " + text.substr(0, 300)).c_str());
    return false;
  }
  return true;
}

void warm_render(benchmark::State &state) {
  const std::string request = admin_request(bench_student);
  if (!check_answer(state, request, true)) {
    return;
  }
  latency_samples samples;
  std::string text;
  double failures = 0;
  for (auto _ : state) {
    timed(samples, [&] { failures += render(request, text) ? 0 : 1; });
  }
  samples.publish(state);
  state.counters["failures"] = benchmark::Counter(failures);
  state.counters["renders_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(warm_render)->Threads(1)->Threads(2)->Threads(4)->Threads(8)->UseRealTime();

// A refresh is honoured once per student per 30 s (the refresh floor, docs/abi.md). Each cold
// render runs with the clock 31 s on from the last fetch or 31 s back from it, in turn (across
// Google Benchmark's repeated calls of the function too): a fetch time that old, or that far
// ahead of the clock, holds nothing back, and the clock never drifts far from the system's (the
// ETS token and the links stay valid).
bool cold_clock_ahead = false;
void next_cold_clock() {
  cold_clock_ahead = !cold_clock_ahead;
  world->set_clock_offset(cold_clock_ahead ? std::chrono::milliseconds{31000}
                                           : std::chrono::milliseconds{});
}

void cold_render(benchmark::State &state) {
  const std::string request = admin_request(bench_student, true);
  next_cold_clock();
  if (!check_answer(state, request, false)) {
    return;
  }
  latency_samples samples;
  std::string text;
  double failures = 0;
  for (auto _ : state) {
    next_cold_clock();
    timed(samples, [&] { failures += render(request, text) ? 0 : 1; });
  }
  samples.publish(state);
  cold_p50_us = samples.percentile(0.5);
  state.counters["failures"] = benchmark::Counter(failures);
}
BENCHMARK(cold_render)->UseRealTime()->MinTime(3);

void curl_keepalive(benchmark::State &state) {
  const std::string token =
      curl_token(world->ets_base_url(), world->ca_file(), demo_user, demo_secret);
  constexpr int requests = 3000;
  latency_samples samples;
  double wall = 0;
  for (auto _ : state) {
    const curl_run run =
        curl_reports(world->ets_base_url(), world->ca_file(), token,
                     {std::to_string(2000000000L + bench_student - 1000)}, requests, world->dir());
    for (const double us : run.micros) {
      samples.add(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double, std::micro>(us)));
    }
    wall = run.wall_us_per_request;
  }
  samples.publish(state);
  state.counters["requests"] = requests;
  state.counters["wall_us_per_request"] = wall;
  if (cold_p50_us > 0) {
    state.counters["cold_over_curl"] = cold_p50_us / samples.percentile(0.5);
  }
}
BENCHMARK(curl_keepalive)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

// RSS now, and progress on stderr, at ten checkpoints of a long run: a 1,000,000-render run takes
// minutes, and a leak shows as a steady climb between checkpoints.
class rss_checkpoints {
 public:
  // `print`: progress on stderr (for --renders=N; not for the short runs Google Benchmark sizes).
  rss_checkpoints(long renders, bool print)
      : every_(std::max(1L, renders / 10)), total_(renders), print_(print) {}

  void after(long done) {
    if (done % every_ != 0) {
      return;
    }
    const double rss = rss_kib();
    if (first_ == 0) {
      first_ = rss;
    }
    if (!print_) {
      return;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::cerr << "memory_flat: " << done << "/" << total_ << " renders, " << seconds << " s, RSS "
              << rss << " KiB (" << (rss - first_) << " KiB since the first)\n";
  }
  // RSS at the first checkpoint (a tenth of the renders), the end of the warm-up; 0 if none.
  double first() const { return first_; }

 private:
  long every_;
  long total_;
  bool print_;
  double first_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void memory_flat(benchmark::State &state) {
  std::string text;
  // Every student's links cached, and the allocator and pools at their working size, before the
  // first reading.
  for (long i = 0; i < 10 * demo_students; ++i) {
    if (!render(admin_request(first_student + i % demo_students), text)) {
      state.SkipWithError(("ssrlink_reports failed: " + text).c_str());
      return;
    }
  }
  std::vector<std::string> requests;
  for (long i = 0; i < demo_students; ++i) {
    requests.push_back(admin_request(first_student + i));
  }
  rss_checkpoints checkpoints(static_cast<long>(state.max_iterations), renders_for_memory > 0);
  const double before = rss_kib();
  double failures = 0;
  std::size_t next = 0;
  long done = 0;
  for (auto _ : state) {
    failures += render(requests[next], text) ? 0 : 1;
    next = (next + 1) % requests.size();
    checkpoints.after(++done);
  }
  const double after = rss_kib();
  state.counters["rss_before_kib"] = before;
  state.counters["rss_after_kib"] = after;
  state.counters["rss_growth_kib"] = after - before;
  // Growth over the last nine tenths: what a leak would add, after caches and pools settle.
  state.counters["rss_growth_after_warmup_kib"] =
      checkpoints.first() > 0 ? after - checkpoints.first() : 0;
  state.counters["failures"] = failures;
}

// Warm renders with pg_stat_statements reset first: statements per render, the server's own
// time per render (the rest of a render's wall time is the plugin, the driver and round trips),
// and the table of statements on stderr.
void pg_statements(benchmark::State &state) {
  const std::string request = admin_request(bench_student);
  if (!check_answer(state, request, true)) {
    return;
  }
  world->postgres()->reset_statements();
  std::string text;
  double failures = 0;
  for (auto _ : state) {
    failures += render(request, text) ? 0 : 1;
  }
  const auto profile = world->postgres()->statements(static_cast<long>(state.iterations()));
  std::cerr << "pg_statements over " << state.iterations() << " warm renders:\n" << profile.table;
  state.counters["statements_per_render"] = profile.statements_per_render;
  state.counters["server_us_per_render"] = profile.server_us_per_render;
  state.counters["failures"] = failures;
}

}  // namespace
}  // namespace ssrlink::bench

int main(int argc, char **argv) {
  using namespace ssrlink::bench;
  world_options options;
  // Our own flags first: Google Benchmark rejects flags it does not know.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--renders=", 0) == 0) {
      renders_for_memory = std::atol(argv[i] + 10);
    } else if (arg.rfind("--odbc-extra=", 0) == 0) {
      options.odbc_extra = arg.substr(13);
    } else if (arg == "--backend=postgres" || arg == "--backend=sqlite") {
      options.backend = arg == "--backend=postgres" ? backend::postgres : backend::sqlite;
    } else if (arg.rfind("--pg-options=", 0) == 0) {
      options.pg_options = arg.substr(13);
    } else if (arg == "--pg-statements") {
      options.count_statements = true;
    } else if (arg.rfind("--backend=", 0) == 0) {
      std::cerr << "page_bench: --backend is sqlite or postgres\n";
      return 2;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  if (options.count_statements && options.backend != backend::postgres) {
    std::cerr << "page_bench: --pg-statements needs --backend=postgres\n";
    return 2;
  }
  auto *memory = benchmark::RegisterBenchmark("memory_flat", memory_flat)
                     ->UseRealTime()
                     ->Unit(benchmark::kMillisecond);
  if (renders_for_memory > 0) {
    memory->Iterations(renders_for_memory);
  }
  if (options.count_statements) {
    benchmark::RegisterBenchmark("pg_statements", pg_statements)->Iterations(1000);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 2;
  }
  try {
    bench_world shared(options);
    world = &shared;
    benchmark::AddCustomContext("backend",
                                options.backend == backend::postgres ? "postgres" : "sqlite");
    benchmark::AddCustomContext("odbc_extra", options.odbc_extra);
    if (shared.postgres() != nullptr) {
      benchmark::AddCustomContext("postgres", shared.postgres()->settings());
    }
    bench_student = 0;
    for (long id = first_student; id < first_student + demo_students && bench_student == 0; ++id) {
      std::string text;  // this render also warms the cache for the warm benchmarks
      if (!render(admin_request(id), text)) {
        throw std::runtime_error("first render failed: " + text);
      }
      if (boost::json::parse(text).at("outcome") == "reports") {
        bench_student = id;
      }
    }
    if (bench_student == 0) {
      throw std::runtime_error("no demo student has reports in the fake-ets fixture");
    }
    std::cerr << "page_bench: measuring student " << bench_student << "\n";
    benchmark::RunSpecifiedBenchmarks();
    world = nullptr;
  } catch (const std::exception &e) {
    std::cerr << "page_bench: " << e.what() << "\n";
    return 1;
  }
  benchmark::Shutdown();
  return 0;
}
