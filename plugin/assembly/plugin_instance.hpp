// The composition root: one loaded configuration wired to its adapters (ODBC, ETS, sealing) and
// the core services. It is the only place that knows every module; it knows nothing of C.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/call_result.hpp"
#include "core/config.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/logger.hpp"

namespace ssrlink::assembly {

class plugin_instance {
 public:
  // Where a running sweep reports its progress (JSON text); may be empty.
  using progress_sink = std::function<void(const std::string &progress_json)>;

  // Parses and checks the configuration and builds every service. Throws core::failure.
  plugin_instance(std::string_view config_json, std::unique_ptr<core::logger> log,
                  std::unique_ptr<core::clock> clock, progress_sink progress = {});
  ~plugin_instance();
  plugin_instance(const plugin_instance &) = delete;
  plugin_instance &operator=(const plugin_instance &) = delete;

  // One per C ABI capability; each is thread-safe and throws core::failure on error.
  core::call_result reports(std::string_view request_json);
  core::call_result credentials_put(std::string_view request_json);
  core::call_result credentials_status(std::string_view request_json);
  core::call_result test_connection(std::string_view request_json);
  core::call_result credentials_reseal(std::string_view request_json);
  core::call_result sweep(std::string_view request_json);
  core::call_result notifications_list(std::string_view request_json);
  core::call_result notification_queue(std::string_view request_json);
  core::call_result check_mapping(std::string_view request_json);
  core::call_result ets_probe(std::string_view request_json);
  core::call_result settings_get(std::string_view request_json);
  core::call_result settings_put(std::string_view request_json);

  core::logger &log() { return *log_; }

 private:
  struct services;
  template <class Service>
  core::call_result audited(std::string_view action, std::string_view what,
                            std::string_view request_json, Service &service,
                            core::call_result (Service::*method)(std::string_view));

  std::unique_ptr<core::logger> log_;
  std::unique_ptr<core::clock> clock_;
  progress_sink progress_;
  core::config config_;
  std::unique_ptr<services> services_;
};

}  // namespace ssrlink::assembly
