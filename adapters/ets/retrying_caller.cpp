#include "retrying_caller.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>

namespace ssrlink::ets {
namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

}  // namespace

void log_give_up(core::logger &log, std::string_view what, const core::ets_failure &failure) {
  log.log(core::log_level::error, "ETS " + std::string(what) + " gave up: " + failure.detail);
}

retrying_caller::retrying_caller(asio::io_context &io, connection_pool &pool, core::logger &log,
                                 const wire::profile &profile, retry_settings retry)
    : io_(io),
      pool_(pool),
      log_(log),
      profile_(profile),
      retry_(retry),
      jitter_source_(std::random_device{}()) {}

asio::awaitable<exchange_result> retrying_caller::round_trip(const wire::request_spec &request,
                                                             steady_time deadline) {
  for (bool fresh : {false, true}) {
    acquire_result acquired = co_await pool_.acquire(deadline, fresh);
    if (auto *e = std::get_if<transport_error>(&acquired)) {
      co_return *e;
    }
    connection_ptr connection = std::move(std::get<connection_ptr>(acquired));
    const bool reused = connection->reused;
    if (!reused) {
      log_.log(core::log_level::debug,
               "ETS connection opened (" + std::to_string(pool_.open_connections()) + " open)");
    }
    exchange_result result =
        co_await exchange(*connection, pool_.where().host_header, request, deadline);
    if (auto *answer = std::get_if<http_answer>(&result)) {
      const std::size_t unread = unread_bytes(*connection);
      const bool reusable = answer_allows_reuse(*answer) && unread == 0;
      if (!reusable) {
        const std::string status = " (HTTP " + std::to_string(answer->status) + ")";
        log_.log(core::log_level::debug,
                 !answer->keep_alive ? "ETS closed the connection after an answer" + status
                 : unread != 0
                     ? "ETS connection closed: " + std::to_string(unread) +
                           " bytes arrived beyond the answer" + status
                     : "ETS connection closed rather than reused after this answer" + status);
      }
      pool_.release(std::move(connection), reusable);
      co_return result;
    }
    pool_.release(std::move(connection), false);
    const auto &error = std::get<transport_error>(result);
    // A keep-alive connection the server closed while idle fails before any answer; that is
    // not ETS failing, so it gets one new connection without counting as a retry.
    if (fresh || !reused || !error.before_answer || error.fault == core::ets_fault::timed_out) {
      co_return result;
    }
    log_.log(core::log_level::debug, "ETS closed a pooled connection; reconnecting");
  }
  co_return transport_error{core::ets_fault::unreachable, "unreachable", true, 0, true};
}

asio::awaitable<call_outcome> retrying_caller::call(const wire::request_spec &request,
                                                    steady_time deadline) {
  const std::string what(wire::loggable_target(request.target));
  for (unsigned attempts = 1;; ++attempts) {
    exchange_result result = co_await round_trip(request, deadline);
    std::optional<std::chrono::seconds> retry_after;
    core::ets_failure failure;
    if (auto *answer = std::get_if<http_answer>(&result)) {
      if (!retryable_status(answer->status)) {
        co_return std::move(*answer);
      }
      failure = wire::map_error(profile_, answer->status, answer->body);
      if (answer->retry_after) {
        retry_after = parse_retry_after(*answer->retry_after);
      }
    } else {
      auto &error = std::get<transport_error>(result);
      failure = core::ets_failure{core::ets_error::processing_error, error.fault, error.http_status,
                                  std::move(error.detail)};
      if (!error.retryable) {
        // A certificate does not fix itself in a second, nor does an oversized answer.
        log_give_up(log_, what, failure);
        co_return failure;
      }
    }
    const auto remaining = duration_cast<milliseconds>(deadline - steady_clock::now());
    const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(jitter_source_);
    const auto wait = retry_.next_wait(attempts, retry_after, jitter, remaining);
    if (!wait) {
      log_give_up(log_, what, failure);
      co_return failure;
    }
    log_.log(core::log_level::warning, "ETS " + what + " failed (" + failure.detail + "); retry " +
                                           std::to_string(attempts) + " in " +
                                           std::to_string(wait->count()) + " ms");
    asio::steady_timer timer(io_, *wait);
    co_await timer.async_wait(use_tuple);
  }
}

}  // namespace ssrlink::ets
