// Port: the ETS electronic score report service (adapters/ets implements it over HTTPS).
#pragma once

#include <functional>
#include <string>

#include "../model/credentials.hpp"
#include "../model/ets_outcome.hpp"

namespace ssrlink::core {

class ets_client {
 public:
  using reports_callback = std::function<void(ets_reports_result)>;

  virtual ~ets_client() = default;

  // Starts fetching the report list for one SSID and returns at once; `done` runs exactly once,
  // on an adapter thread, within the configured deadline. Thread-safe. This is what the sweep
  // uses to keep many calls in flight without a thread each.
  virtual void fetch_reports_async(const ets_credentials &credentials, std::string ssid,
                                   reports_callback done) = 0;

  // Blocking form for page requests. Thread-safe.
  virtual ets_reports_result fetch_reports(const ets_credentials &credentials,
                                           const std::string &ssid) = 0;

  // Asks for a fresh token with this pair (never a cached one): "test connection".
  virtual ets_token_result check_credentials(const ets_credentials &credentials) = 0;
};

}  // namespace ssrlink::core
