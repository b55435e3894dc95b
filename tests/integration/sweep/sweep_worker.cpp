// A sweep worker process for the multi-process tests and the benchmark: the real ODBC stores and
// the real HTTPS ETS client wired to the sweep service, one run, the result on stdout.
//
//   sweep_worker --odbc CONN --base-url URL --ca-file CA.pem --username U --request JSON
//                [--trace FILE] [--batch-size N] [--max-connections N] [--pool N]
//                [--now-ms MS] [--schedule HH:MM] [--time-zone ZONE] [--summary-to A,B]
//
// The request goes in as the host's JSON (ssrlink_sweep), "when_due" included, and the result
// JSON comes out as the plugin answers it. --now-ms stands the clock still at that instant (the
// host's now_ms callback, as the scheduled-run tests give it); --schedule turns the settings'
// schedule on, every day at that local time in --time-zone (default America/Los_Angeles);
// --summary-to lists the settings' summary_recipients.
//
// The Secret Key comes from $SSRLINK_SWEEP_SECRET (never the command line), the wire profile
// from $SSRLINK_TEST_WIRE_PROFILE as in every test (unset: the built-in one). --trace appends one
// line per lease event ("claim KEY WORKER CLAIMED_MS EXPIRES_MS", "finish KEY WORKER NOW_MS
// ok|lost") so tests can check that no batch was held by two live leases.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/settings/district_settings.hpp"
#include "core/sweep/sweep_service.hpp"
#include "doubles/fake_credential_resolver.hpp"
#include "doubles/manual_clock.hpp"
#include "ets/ets_client_factory.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_stores.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace {

using namespace ssrlink;

class stderr_logger final : public core::logger {
 public:
  void log(core::log_level level, std::string_view message) override {
    std::lock_guard lock(mutex_);
    std::cerr << "log " << static_cast<int>(level) << ' ' << message << '\n';
  }

 private:
  std::mutex mutex_;
};

// Writes lease events to the trace file; every call goes through to the real leases.
class tracing_leases final : public core::batch_leases {
 public:
  tracing_leases(core::batch_leases &inner, int fd, std::chrono::seconds lease)
      : inner_(inner), fd_(fd), lease_(lease) {}

  bool create(const std::string &run, const std::vector<core::student_range> &r,
              core::time_point now) override {
    return inner_.create(run, r, now);
  }
  std::optional<core::claimed_batch> claim(const std::string &run, const std::string &worker,
                                           core::time_point now,
                                           std::chrono::seconds lease) override {
    auto batch = inner_.claim(run, worker, now, lease);
    if (batch) {
      const auto claimed = batch->claimed_at.time_since_epoch().count();
      trace("claim " + batch->lease_key + " " + worker + " " + std::to_string(claimed) + " " +
            std::to_string(claimed + std::chrono::milliseconds(lease_).count()));
    }
    return batch;
  }
  bool renew(const core::claimed_batch &b, const std::string &worker, core::time_point now,
             std::chrono::seconds lease) override {
    const bool ok = inner_.renew(b, worker, now, lease);
    trace("renew " + b.lease_key + " " + worker + " " +
          std::to_string((now + lease).time_since_epoch().count()) + (ok ? " ok" : " lost"));
    return ok;
  }
  bool finish(const core::claimed_batch &b, const std::string &worker,
              core::time_point now) override {
    const bool ok = inner_.finish(b, worker, now);
    trace("finish " + b.lease_key + " " + worker + " " +
          std::to_string(now.time_since_epoch().count()) + (ok ? " ok" : " lost"));
    return ok;
  }
  void release(const core::claimed_batch &b, const std::string &worker) override {
    inner_.release(b, worker);
  }
  std::optional<core::time_point> pending_until(const std::string &run) override {
    return inner_.pending_until(run);
  }

 private:
  void trace(std::string line) {
    if (fd_ < 0) {
      return;
    }
    line += '\n';
    // O_APPEND and one write per line: lines from several processes never interleave.
    if (::write(fd_, line.data(), line.size()) < 0) {
      std::perror("trace");
    }
  }

  core::batch_leases &inner_;
  int fd_;
  std::chrono::seconds lease_;
};

// The settings the flags describe (the settings service's place in the plugin).
core::district_settings settings_from(std::map<std::string, std::string> &args) {
  core::district_settings settings;
  if (args.count("--schedule")) {
    const std::string &time = args["--schedule"];
    settings.schedule.enabled = true;
    settings.schedule.days.fill(true);
    settings.schedule.minute_of_day = std::stoi(time.substr(0, 2)) * 60 + std::stoi(time.substr(3));
  }
  if (args.count("--time-zone")) {
    settings.schedule.time_zone = args["--time-zone"];
  }
  if (args.count("--summary-to")) {
    std::string list = args["--summary-to"] + ",";
    for (std::size_t comma = list.find(','); comma != std::string::npos; comma = list.find(',')) {
      settings.summary_recipients.push_back(list.substr(0, comma));
      list.erase(0, comma + 1);
    }
  }
  return settings;
}

}  // namespace

int main(int argc, char **argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) {
    args[argv[i]] = argv[i + 1];
  }
  const char *secret = std::getenv("SSRLINK_SWEEP_SECRET");
  for (const char *required : {"--odbc", "--base-url", "--ca-file", "--username", "--request"}) {
    if (!args.count(required) || secret == nullptr) {
      std::cerr << "usage: sweep_worker --odbc CONN --base-url URL --ca-file CA --username U "
                   "--request JSON [--trace FILE] [--batch-size N] [--max-connections N] "
                   "[--pool N] (secret in $SSRLINK_SWEEP_SECRET)\n";
      return 2;
    }
  }
  try {
    stderr_logger log;
    ssrlink::testing::system_clock system_time;
    ssrlink::testing::manual_clock still_time;
    if (args.count("--now-ms")) {
      still_time.set(core::time_point{std::chrono::milliseconds{std::stoll(args["--now-ms"])}});
    }
    const core::clock &clock =
        args.count("--now-ms") ? static_cast<const core::clock &>(still_time) : system_time;
    const auto number = [&](const char *key, unsigned fallback) {
      return args.count(key) ? static_cast<unsigned>(std::stoul(args[key])) : fallback;
    };
    core::ets_settings settings;
    settings.base_url = args["--base-url"];
    settings.ca_file = args["--ca-file"];
    settings.timeout = std::chrono::seconds(10);
    settings.max_connections = number("--max-connections", 16);
    // The profile fake-ets serves: the parent's SSRLINK_TEST_WIRE_PROFILE, inherited.
    settings.wire_profile = ssrlink::testing::test_wire_profile();
    auto ets = ets::make_ets_client(settings, log, clock);
    odbc::odbc_ports ports = odbc::make_odbc_ports(args["--odbc"], number("--pool", 4), log);
    odbc::odbc_sweep_stores stores = odbc::make_odbc_sweep_stores(*ports.pool);
    core::district_settings district = settings_from(args);  // the settings in force
    const core::sweep_request request =
        core::parse_sweep_request(args["--request"], "worker", district.sweep);
    int fd = -1;
    if (args.count("--trace")) {
      fd = ::open(args["--trace"].c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    }
    tracing_leases traced(*stores.leases, fd, request.lease);
    // One pair for every school: the driver stands in for credential resolution.
    ssrlink::testing::fake_credential_resolver resolver;
    resolver.district = core::resolved_credentials{
        {"district", args["--username"], secret, "district@1"}, {}, false};
    core::sweep_service service(
        {*stores.students, traced, *stores.log, *stores.outbox, *stores.schedule},
        [&district] { return district; }, *ets, resolver, clock, log,
        {"worker", number("--batch-size", 500)});
    const core::call_result result = service.run(
        args["--request"],
        [](const std::string &progress) { std::cerr << "progress " << progress << '\n'; });
    std::cout << result.json << std::endl;
    if (fd >= 0) {
      ::close(fd);
    }
    return 0;
  } catch (const core::failure &f) {
    std::cerr << "failed: " << f.what() << " (" << f.detail() << ")\n";
    return 1;
  } catch (const std::exception &e) {
    std::cerr << "failed: " << e.what() << '\n';
    return 1;
  }
}
