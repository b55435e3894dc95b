// core::ets_client over HTTPS: every call runs as a coroutine on the client's io_context, which
// one thread at a time runs (io_driver: a blocking caller itself when it can, else the driver's
// own thread), so the connection pool and the pending token requests need no locks. One thread
// at a time is plenty: the work is waiting on the network, and TLS on loopback is far below a
// millisecond per request after the handshake. The token cache has a lock of its own, so that
// current_token and adopt_token answer on the calling thread: a blocking fetch asks for the
// token before and after its request (core/ets_token/shared_token_client), and a trip through
// the io_context for each would cost a cold page two thread wake-ups (docs/performance.md,
// section 3).
//
// How one call reaches an answer (pooled connections, the retry policy) is retrying_caller's; this
// class decides what to ask: a token (one request in flight per credential set, shared by every
// caller waiting for it), then the report list, with one new token after a 401.
//
// No handler on the io_context decodes a report list: a hostile answer (up to the 4 MiB body
// limit, which holds hundreds of thousands of JSON items) would hold up every other call's
// timers while it is parsed and logged. The body is handed on instead: fetch_reports decodes it
// on the calling thread once it has stopped running the io_context; fetch_reports_async on the
// client's one decoding thread, which also runs every callback. What handlers still parse is
// small by construction (token and error answers, at most wire::max_small_answer_bytes).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "connection_pool.hpp"
#include "core/config.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/ets_client.hpp"
#include "core/ports/logger.hpp"
#include "io_driver.hpp"
#include "retry_policy.hpp"
#include "retrying_caller.hpp"
#include "token_cache.hpp"
#include "wire_probe.hpp"
#include "wire_profile.hpp"

namespace ssrlink::ets {

struct client_tuning {
  retry_settings retry;
  pool_limits pool;
};

class https_ets_client final : public core::ets_client {
 public:
  https_ets_client(const core::ets_settings &settings, core::logger &log, const core::clock &clock,
                   client_tuning tuning = {});
  ~https_ets_client() override;
  https_ets_client(const https_ets_client &) = delete;
  https_ets_client &operator=(const https_ets_client &) = delete;

  void fetch_reports_async(const core::ets_credentials &credentials, std::string ssid,
                           reports_callback done) override;
  core::ets_reports_result fetch_reports(const core::ets_credentials &credentials,
                                         const std::string &ssid) override;
  core::ets_token_result check_credentials(const core::ets_credentials &credentials) override;
  // Both answer on the calling thread, from any thread, ETS callbacks included (token_cache
  // locks for a map lookup).
  std::optional<core::ets_token> current_token(const std::string &set_id) override;
  void adopt_token(const std::string &set_id, const core::ets_token &token) override;
  // One exchange per step on the io_context (no retry, no cache); the answers are read and
  // redacted on the calling thread (wire_probe.hpp). Throws failure(internal) from an ETS
  // callback.
  core::ets_probe_report probe(const core::ets_credentials &credentials,
                               const std::optional<std::string> &ssid) override;

  // The longest token adopt_token accepts: the bound a token answer itself is held to.
  static constexpr std::size_t max_adopted_token_bytes = wire::max_token_chars;

 private:
  using token_outcome = std::variant<std::string, core::ets_failure>;

  // Callers waiting for the one token request in flight for a credential set.
  struct pending_token {
    std::vector<std::shared_ptr<boost::asio::steady_timer>> waiters;
    std::optional<token_outcome> result;
  };

  // A 200 answer's body, still to be decoded off the io_context (decode_reports).
  struct undecoded_reports {
    std::string body;
  };
  // What the io_context hands back for one report fetch.
  using fetch_outcome = std::variant<core::ets_reports_result, undecoded_reports>;

  // Runs run_fetch on the io_context; `done` gets its outcome there, exactly once, in the
  // handler that ends the call.
  void start_fetch(const core::ets_credentials &credentials, std::string ssid,
                   std::function<void(fetch_outcome)> done);
  boost::asio::awaitable<fetch_outcome> run_fetch(core::ets_credentials credentials,
                                                  std::string ssid);
  // Parses a 200 body for `ssid` and logs at most one line about it (the item summary or the
  // give-up). Runs on a host thread or the decoding thread, never in a handler of the io_context.
  core::ets_reports_result decode_reports(const std::string &body, const std::string &ssid);
  void deliver(const reports_callback &done, core::ets_reports_result result);
  boost::asio::awaitable<core::ets_token_result> run_check(core::ets_credentials credentials);
  boost::asio::awaitable<token_outcome> token_for(const core::ets_credentials &credentials,
                                                  steady_time deadline);
  boost::asio::awaitable<token_outcome> request_token(const core::ets_credentials &credentials,
                                                      steady_time deadline);
  // What one probe step sent and what came back, still unredacted (it holds the token answer).
  struct probe_exchange {
    wire::probe_step_kind kind;
    std::string request_line;
    exchange_result result;
  };
  boost::asio::awaitable<std::vector<probe_exchange>> run_probe(core::ets_credentials credentials,
                                                                std::optional<std::string> ssid);

  core::ets_settings settings_;
  wire::profile profile_;  // every wire name this client uses; read once, never changed
  core::logger &log_;
  const core::clock &clock_;
  boost::asio::io_context io_;
  boost::asio::ssl::context tls_;
  connection_pool pool_;
  retrying_caller caller_;  // after pool_, which it draws on
  token_cache tokens_;
  std::map<std::string, std::shared_ptr<pending_token>> pending_tokens_;
  // Decodes the report lists of fetch_reports_async calls and runs all their callbacks. One
  // thread: each decode is bounded (4 MiB of JSON, max_report_items items examined, one log
  // line), and callbacks are expected to hand the result on (the sweep queues it).
  boost::asio::thread_pool decoder_{1};
  // Runs io_ (io_driver.hpp); created last and stopped first, before the decoder.
  std::unique_ptr<io_driver> driver_;
};

}  // namespace ssrlink::ets
