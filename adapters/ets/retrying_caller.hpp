// One ETS call from request to final answer: a round trip on a pooled connection, redone once on a
// fresh connection when a pooled one turns out to be closed, and retried under the retry policy
// until an answer, a failure not worth retrying, or the deadline. Kept apart from
// https_ets_client, which decides *what* to ask (tokens, reports, a 401's refresh) and bridges
// host threads to the io_context; this class only knows *how* to get an answer over the network.
//
// Used from handlers of the client's io_context only, like the pool it draws on, so it needs no
// lock.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <random>
#include <string_view>
#include <variant>

#include "connection_pool.hpp"
#include "core/model/ets_outcome.hpp"
#include "core/ports/logger.hpp"
#include "retry_policy.hpp"
#include "wire.hpp"

namespace ssrlink::ets {

// A final HTTP answer (retries done) or the failure to report.
using call_outcome = std::variant<http_answer, core::ets_failure>;

// The one line logged when a call ends in a failure ETS did not answer with (transport, timeout,
// an answer that cannot be used): `what` names the call, never with its query string.
void log_give_up(core::logger &log, std::string_view what, const core::ets_failure &failure);

class retrying_caller {
 public:
  // `io` and `pool` belong to the client and outlive this object; `io` runs the retry timers.
  // `profile` maps the error answers of retryable statuses; it outlives this object.
  retrying_caller(boost::asio::io_context &io, connection_pool &pool, core::logger &log,
                  const wire::profile &profile, retry_settings retry);
  retrying_caller(const retrying_caller &) = delete;
  retrying_caller &operator=(const retrying_caller &) = delete;

  // The answer to `request` or the failure, before `deadline`. A retryable status (see
  // retryable_status) or transport error is tried again after the policy's wait (a server's
  // Retry-After honoured); any other status is returned as the answer for the caller to read.
  // Gives up (logged with log_give_up) when the policy says so or the error is not retryable.
  boost::asio::awaitable<call_outcome> call(const wire::request_spec &request,
                                            steady_time deadline);

  // One exchange and no retry, whatever the status: the probe shows what ETS answered first.
  boost::asio::awaitable<exchange_result> once(const wire::request_spec &request,
                                               steady_time deadline) {
    return round_trip(request, deadline);
  }

 private:
  // One exchange, redone once on a fresh connection if a pooled one turned out to be closed.
  boost::asio::awaitable<exchange_result> round_trip(const wire::request_spec &request,
                                                     steady_time deadline);

  boost::asio::io_context &io_;
  connection_pool &pool_;
  core::logger &log_;
  const wire::profile &profile_;
  retry_policy retry_;
  std::mt19937_64 jitter_source_;
};

}  // namespace ssrlink::ets
