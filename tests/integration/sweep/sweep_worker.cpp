// A sweep worker process for the multi-process tests and the benchmark: the real ODBC store and
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

#include "core/sweep/sweep_service.hpp"
#include "ets/ets_client_factory.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_store.hpp"

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

class system_clock final : public core::clock {
 public:
  core::time_point now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// One pair for every school: the driver stands in for the credential service.
class fixed_resolver final : public core::credential_resolver {
 public:
  explicit fixed_resolver(core::ets_credentials pair) : pair_(std::move(pair)) {}
  std::optional<core::resolved_credentials> for_school(std::string_view) override {
    return core::resolved_credentials{pair_, {}, false};
  }

 private:
  core::ets_credentials pair_;
};

// Writes lease events to the trace file; everything else passes through.
class tracing_store final : public core::sweep_store {
 public:
  tracing_store(core::sweep_store &inner, int fd, std::chrono::seconds lease)
      : inner_(inner), fd_(fd), lease_(lease) {}

  std::vector<core::student_range> plan_ranges(const std::optional<std::string> &school,
                                               unsigned size) override {
    return inner_.plan_ranges(school, size);
  }
  bool create_leases(const std::string &run, const std::vector<core::student_range> &r,
                     core::time_point now) override {
    return inner_.create_leases(run, r, now);
  }
  std::optional<core::claimed_batch> claim_batch(const std::string &run, const std::string &worker,
                                                 core::time_point now,
                                                 std::chrono::seconds lease) override {
    auto batch = inner_.claim_batch(run, worker, now, lease);
    if (batch) {
      const auto claimed = batch->claimed_at.time_since_epoch().count();
      trace("claim " + batch->lease_key + " " + worker + " " + std::to_string(claimed) + " " +
            std::to_string(claimed + std::chrono::milliseconds(lease_).count()));
    }
    return batch;
  }
  bool finish_batch(const core::claimed_batch &b, const std::string &worker,
                    core::time_point now) override {
    const bool ok = inner_.finish_batch(b, worker, now);
    trace("finish " + b.lease_key + " " + worker + " " +
          std::to_string(now.time_since_epoch().count()) + (ok ? " ok" : " lost"));
    return ok;
  }
  std::optional<core::time_point> pending_until(const std::string &run) override {
    return inner_.pending_until(run);
  }
  bool renew_batch(const core::claimed_batch &b, const std::string &worker, core::time_point now,
                   std::chrono::seconds lease) override {
    const bool ok = inner_.renew_batch(b, worker, now, lease);
    trace("renew " + b.lease_key + " " + worker + " " +
          std::to_string((now + lease).time_since_epoch().count()) + (ok ? " ok" : " lost"));
    return ok;
  }
  void release_batch(const core::claimed_batch &b, const std::string &worker) override {
    inner_.release_batch(b, worker);
  }
  std::vector<core::sweep_student> students(const core::student_range &r,
                                            const std::optional<std::string> &school) override {
    return inner_.students(r, school);
  }
  std::map<std::string, core::logged_statuses> logged(const core::student_range &r) override {
    return inner_.logged(r);
  }
  core::logged_statuses logged_for(const std::string &ssid) override {
    return inner_.logged_for(ssid);
  }
  std::vector<core::contact_facts> contacts(std::int64_t id) override {
    return inner_.contacts(id);
  }
  bool record(const core::sweep_student &s, const std::vector<core::report_write> &w,
              core::time_point now) override {
    return inner_.record(s, w, now);
  }
  std::vector<core::log_entry> list_log(const core::log_filter &f) override {
    return inner_.list_log(f);
  }
  std::optional<core::logged_report_row> find_logged(std::int64_t id,
                                                     const std::string &key) override {
    return inner_.find_logged(id, key);
  }
  bool queue_notice(std::int64_t id, const core::outbox_row &row, core::time_point now) override {
    return inner_.queue_notice(id, row, now);
  }
  void mark_viewed(std::int64_t id, const std::vector<std::string> &keys,
                   core::time_point now) override {
    inner_.mark_viewed(id, keys, now);
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

  core::sweep_store &inner_;
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
    system_clock clock;
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
    auto store = odbc::make_odbc_sweep_store(ports.pool);
    const core::sweep_request request = core::parse_sweep_request(args["--request"], "worker");
    int fd = -1;
    if (args.count("--trace")) {
      fd = ::open(args["--trace"].c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    }
    tracing_store traced(*store, fd, request.lease);
    fixed_resolver resolver({"district", args["--username"], secret, "district@1"});
    core::sweep_service service(traced, *ets, resolver, clock, log,
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
