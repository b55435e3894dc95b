// Issue 4's benchmark: the ETS client alone (make_ets_client → fetch_reports) against fake-ets over
// TLS on 127.0.0.1, with a cached token and the keep-alive pool, beside curl fetching the same
// report list on one keep-alive connection per process.
//
//   fetch_reports/threads:1, /threads:8   p50/p99 per request, items_per_second = requests/s
//   curl_keepalive/processes:1, :8        the same with 1 or 8 concurrent curl processes
//
// Run: build-bench/tests/bench/ets/ets_client_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/config.hpp"
#include "core/ports/logger.hpp"
#include "curl_keepalive.hpp"
#include "doubles/manual_clock.hpp"
#include "ets/ets_client_factory.hpp"
#include "ets/fake_ets_process.hpp"
#include "latency.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::bench {
namespace {
namespace fs = std::filesystem;

// Drops every line: a benchmark makes millions of calls, and a recording logger would grow with
// them and time its own allocations. (Not a test double to assert on, so not in doubles/.)
class quiet_logger final : public core::logger {
 public:
  void log(core::log_level, std::string_view) override {}
};

const core::ets_credentials demo{"district", "demo-district", "DemoSecretKey-0123456789",
                                 "district@1"};

// fake-ets serving the demo fixture and one client for all runs,
// so the token is cached and the pool is open.
struct ets_world {
  fs::path dir;
  std::unique_ptr<ets::testing::fake_ets_process> server;
  quiet_logger log;
  ssrlink::testing::system_clock clock;
  std::unique_ptr<core::ets_client> client;
  std::vector<std::string> ssids;

  ets_world() {
    dir = fs::temp_directory_path() / ("ssrlink-ets-bench-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    ets::testing::make_cert(dir / "cert");
    std::ifstream fixture(fs::path(SSRLINK_SOURCE_DIR) / "tools/fake-ets/fixtures/demo.json");
    std::stringstream text;
    text << fixture.rdbuf();
    server = std::make_unique<ets::testing::fake_ets_process>(dir, text.str(), dir / "cert");
    core::ets_settings settings;
    settings.base_url = server->base_url();
    settings.ca_file = (dir / "cert" / "ca.pem").string();
    settings.link_hosts = {"127.0.0.1"};
    settings.timeout = std::chrono::milliseconds(5000);
    settings.wire_profile = ssrlink::testing::test_wire_profile();
    client = ets::make_ets_client(settings, log, clock);
    // The SSIDs the fixture answers with a non-empty report list (an empty one is an error).
    const boost::json::value parsed = boost::json::parse(text.str());  // outlives the loop
    for (const auto &[ssid, student] : parsed.at("students").as_object()) {
      const auto &facts = student.as_object();
      if (!facts.contains("error") && !facts.contains("fault") && facts.contains("reports") &&
          !facts.at("reports").as_array().empty()) {
        ssids.emplace_back(ssid);
      }
    }
    if (ssids.empty() || !client->fetch_reports(demo, ssids[0]).ok()) {  // token, connection
      throw std::runtime_error("the first fetch_reports failed");
    }
  }
  ~ets_world() {
    client.reset();
    server.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

ets_world *world = nullptr;

void fetch_reports(benchmark::State &state) {
  latency_samples samples;
  std::size_t next = static_cast<std::size_t>(state.thread_index());
  double failures = 0;
  for (auto _ : state) {
    const std::string &ssid = world->ssids[next++ % world->ssids.size()];
    timed(samples, [&] { failures += world->client->fetch_reports(demo, ssid).ok() ? 0 : 1; });
  }
  samples.publish(state);
  state.counters["failures"] = benchmark::Counter(failures);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(fetch_reports)->Threads(1)->Threads(8)->UseRealTime()->MinTime(2);

// range(0) concurrent curl processes, each one keep-alive connection and 2000 requests.
void curl_keepalive(benchmark::State &state) {
  const auto processes = static_cast<int>(state.range(0));
  constexpr int requests = 2000;
  const fs::path ca = world->dir / "cert" / "ca.pem";
  const std::string token =
      curl_token(world->server->base_url(), ca, demo.username, demo.secret_key);
  latency_samples samples;
  for (auto _ : state) {
    std::vector<curl_run> runs(static_cast<std::size_t>(processes));
    std::vector<std::string> errors(runs.size());
    std::vector<std::thread> threads;
    for (std::size_t p = 0; p < runs.size(); ++p) {
      threads.emplace_back([&, p] {
        const fs::path work = world->dir / ("curl-" + std::to_string(p));
        try {
          fs::create_directories(work);
          runs[p] =
              curl_reports(world->server->base_url(), ca, token, world->ssids, requests, work);
        } catch (const std::exception &e) {
          errors[p] = e.what();
        }
      });
    }
    for (auto &t : threads) {
      t.join();
    }
    for (std::size_t p = 0; p < runs.size(); ++p) {
      if (!errors[p].empty()) {
        state.SkipWithError(errors[p].c_str());
        return;
      }
      for (const double us : runs[p].micros) {
        samples.add(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double, std::micro>(us)));
      }
    }
  }
  samples.publish(state);
  state.SetItemsProcessed(state.iterations() * processes * requests);
}
BENCHMARK(curl_keepalive)
    ->ArgName("processes")
    ->Arg(1)
    ->Arg(8)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ssrlink::bench

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 2;
  }
  try {
    ssrlink::bench::ets_world shared;
    ssrlink::bench::world = &shared;
    benchmark::RunSpecifiedBenchmarks();
    ssrlink::bench::world = nullptr;
  } catch (const std::exception &e) {
    std::cerr << "ets_client_bench: " << e.what() << "\n";
    return 1;
  }
  benchmark::Shutdown();
  return 0;
}
