// A sweep worker process for the multi-process tests and the benchmark: the real ODBC stores and
// the real HTTPS ETS client wired to the sweep service, one run, the result on stdout.
//
//   sweep_worker --odbc CONN --base-url URL --ca-file CA.pem --username U --request JSON
//                [--trace FILE] [--batch-size N] [--max-connections N] [--pool N]
//
// The Secret Key comes from $SSRLINK_SWEEP_SECRET (never the command line). --trace appends one
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

#include "core/sweep/sweep_service.hpp"
#include "doubles/fake_credential_resolver.hpp"
#include "doubles/manual_clock.hpp"
#include "ets/ets_client_factory.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_stores.hpp"

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
    ssrlink::testing::system_clock clock;
    const auto number = [&](const char *key, unsigned fallback) {
      return args.count(key) ? static_cast<unsigned>(std::stoul(args[key])) : fallback;
    };
    core::ets_settings settings;
    settings.base_url = args["--base-url"];
    settings.ca_file = args["--ca-file"];
    settings.timeout = std::chrono::seconds(10);
    settings.max_connections = number("--max-connections", 16);
    auto ets = ets::make_ets_client(settings, log, clock);
    odbc::odbc_ports ports = odbc::make_odbc_ports(args["--odbc"], number("--pool", 4), log);
    odbc::odbc_sweep_stores stores = odbc::make_odbc_sweep_stores(*ports.pool);
    const core::sweep_request request = core::parse_sweep_request(args["--request"], "worker");
    int fd = -1;
    if (args.count("--trace")) {
      fd = ::open(args["--trace"].c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    }
    tracing_leases traced(*stores.leases, fd, request.lease);
    // One pair for every school: the driver stands in for credential resolution.
    ssrlink::testing::fake_credential_resolver resolver;
    resolver.district = core::resolved_credentials{
        {"district", args["--username"], secret, "district@1"}, {}, false};
    core::sweep_service service({*stores.students, traced, *stores.log}, *ets, resolver, clock, log,
                                {"worker", number("--batch-size", 500)});
    const core::sweep_counts counts = service.run(
        request, [](const std::string &progress) { std::cerr << "progress " << progress << '\n'; });
    std::cout << counts.to_json() << std::endl;
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
