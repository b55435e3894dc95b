// The report page through the C ABI of libssrlink, as a host calls it: SQLite ODBC for the
// district's views, link cache and audit rows, fake-ets over TLS on 127.0.0.1 for cache misses.
//
//   warm_render/threads:N   ssrlink_reports, admin, student 1001, links cached (bar: p50 < 200 µs)
//   cold_render             the same with "refresh": true, so one ETS report request per render
//                           over the pooled keep-alive connection with a cached token
//   curl_keepalive          curl fetching the same report list on one keep-alive connection;
//                           cold_over_curl = cold_render p50 / curl p50 (bar: within 1.2×)
//   memory_flat             RSS before and after --renders=N warm renders (students 1001..1030)
//
// Run: build-bench/tests/bench/page/page_bench [--renders=N] [--odbc-extra=OPTIONS]
//        [--benchmark_filter=...]
// --odbc-extra is appended to the SQLite ODBC connection string: the driver's default
// (SyncPragma=FULL, rollback journal) syncs the disk on every audit row's commit;
// "SyncPragma=NORMAL;JournalMode=WAL" is the usual production setting.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "bench_world.hpp"
#include "curl_keepalive.hpp"
#include "latency.hpp"

namespace ssrlink::bench {
namespace {

bench_world *world = nullptr;
double cold_p50_us = 0;
long renders_for_memory = 300000;
std::string odbc_extra;

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

void cold_render(benchmark::State &state) {
  const std::string request = admin_request(bench_student, true);
  if (!check_answer(state, request, false)) {
    return;
  }
  latency_samples samples;
  std::string text;
  double failures = 0;
  for (auto _ : state) {
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
  const double before = rss_kib();
  double failures = 0;
  std::size_t next = 0;
  for (auto _ : state) {
    failures += render(requests[next], text) ? 0 : 1;
    next = (next + 1) % requests.size();
  }
  const double after = rss_kib();
  state.counters["rss_before_kib"] = before;
  state.counters["rss_after_kib"] = after;
  state.counters["rss_growth_kib"] = after - before;
  state.counters["failures"] = failures;
}

}  // namespace
}  // namespace ssrlink::bench

int main(int argc, char **argv) {
  using namespace ssrlink::bench;
  // Our own flags first: Google Benchmark rejects flags it does not know.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--renders=", 10) == 0) {
      renders_for_memory = std::atol(argv[i] + 10);
    } else if (std::strncmp(argv[i], "--odbc-extra=", 13) == 0) {
      odbc_extra = argv[i] + 13;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::RegisterBenchmark("memory_flat", memory_flat)
      ->Iterations(renders_for_memory)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 2;
  }
  try {
    bench_world shared(odbc_extra);
    world = &shared;
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
