// Port: the ETS electronic score report service (adapters/ets implements it over HTTPS).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "../model/credentials.hpp"
#include "../model/ets_outcome.hpp"
#include "../model/ets_probe.hpp"
#include "../time.hpp"

namespace ssrlink::core {

// A token is not handed out in the last minute of its life: a request started with it could
// reach ETS after it expired. The client's cache and the shared token store both keep to it.
inline constexpr std::chrono::seconds ets_token_refresh_margin{60};

// A bearer token held in memory, with the instant it expires. Never logged or rendered.
struct ets_token {
  std::string value;
  time_point expires_at{};
};

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

  // The token cache, for sharing tokens between processes (core/ets_token/). Both answer on the
  // calling thread, from any thread, without waiting for ETS. A client without a cache (test
  // doubles) keeps the defaults: nothing to share.

  // The token the next call for `set_id` would use, if it stays valid for more than
  // ets_token_refresh_margin from now.
  virtual std::optional<ets_token> current_token(const std::string &set_id) {
    static_cast<void>(set_id);
    return std::nullopt;
  }
  // Seeds the cache with a token obtained elsewhere (another process, through the shared store).
  // Ignored when the cache already holds a token for the set that lives at least as long, or
  // when `token` could not be a token (empty, too long, not printable ASCII).
  virtual void adopt_token(const std::string &set_id, const ets_token &token) {
    static_cast<void>(set_id);
    static_cast<void>(token);
  }

  // The probe (ssrlink_ets_probe): one fresh token exchange with this pair and, when `ssid` is
  // given, one report request with that token, each read against the wire profile in force and
  // described with every value redacted. No retry and no cache, so it shows what ETS answers now;
  // the token it gets is used once and dropped. Blocking; may not be called from an ETS callback.
  // A client without a wire (test doubles) keeps the default: a report with no steps.
  virtual ets_probe_report probe(const ets_credentials &credentials,
                                 const std::optional<std::string> &ssid) {
    static_cast<void>(credentials);
    static_cast<void>(ssid);
    return {};
  }
};

}  // namespace ssrlink::core
