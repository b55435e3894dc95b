#include "https_ets_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/error.hpp"
#include "tls_context.hpp"

namespace ssrlink::ets {
namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
using std::chrono::steady_clock;

core::ets_failure internal_failure(const std::string &detail) {
  return core::ets_failure{core::ets_error::processing_error, core::ets_fault::bad_response, 0,
                           "internal: " + detail};
}

std::string exception_text(const std::exception_ptr &e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception &ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

// The profile in force: the file the configuration names, or the built-in one, with the paths
// config v1 could already override.
wire::profile profile_in_force(const core::ets_settings &settings) {
  wire::profile p = settings.wire_profile ? wire::load_profile_file(*settings.wire_profile)
                                          : wire::default_profile();
  if (settings.token_path) {
    p.token.path = *settings.token_path;
  }
  if (settings.reports_path) {
    p.reports.path = *settings.reports_path;
  }
  return p;
}

pool_limits with_max(pool_limits limits, unsigned max_connections) {
  limits.max_connections = max_connections == 0 ? 1 : max_connections;
  return limits;
}

}  // namespace

https_ets_client::https_ets_client(const core::ets_settings &settings, core::logger &log,
                                   const core::clock &clock, client_tuning tuning)
    : settings_(settings),
      profile_(profile_in_force(settings)),
      log_(log),
      clock_(clock),
      io_(),
      tls_(make_tls_context(settings.ca_file)),
      pool_(io_, tls_, parse_base_url(settings.base_url),
            with_max(tuning.pool, settings.max_connections)),
      caller_(io_, pool_, log_, profile_, tuning.retry) {
  // Started last: everything its thread touches exists by now.
  driver_ = std::make_unique<io_driver>(io_);
}

https_ets_client::~https_ets_client() {
  // Calls in flight finish (each within settings.timeout); idle connections hold no work. Once
  // the driver is gone nothing new reaches the decoder, which finishes what it was given.
  driver_->stop();  // its handlers still use it while it finishes them
  decoder_.join();
}

void https_ets_client::start_fetch(const core::ets_credentials &credentials, std::string ssid,
                                   std::function<void(fetch_outcome)> done) {
  // Everything happens on the io_context, including starting the coroutine: a blocking caller
  // that drives it (io_driver) starts it there itself.
  asio::post(
      io_, [this, owned = credentials, ssid = std::move(ssid), done = std::move(done)]() mutable {
        asio::co_spawn(
            io_, run_fetch(std::move(owned), std::move(ssid)),
            [this, done = std::move(done)](const std::exception_ptr &e, fetch_outcome outcome) {
              if (e) {
                core::ets_reports_result failed{internal_failure(exception_text(e))};
                log_give_up(log_, "report request", failed.failure());
                outcome = std::move(failed);
              }
              done(std::move(outcome));
            });
      });
}

void https_ets_client::fetch_reports_async(const core::ets_credentials &credentials,
                                           std::string ssid, reports_callback done) {
  std::string asked = ssid;
  start_fetch(credentials, std::move(ssid),
              [this, asked = std::move(asked), done = std::move(done)](fetch_outcome outcome) {
                // Every callback runs on the decoding thread, so neither a decode nor a slow
                // callback ever runs in a handler of the io_context.
                asio::post(decoder_, [this, asked, done, outcome = std::move(outcome)]() mutable {
                  if (auto *raw = std::get_if<undecoded_reports>(&outcome)) {
                    deliver(done, decode_reports(raw->body, asked));
                  } else {
                    deliver(done, std::get<core::ets_reports_result>(std::move(outcome)));
                  }
                });
                driver_->finished_unwaited();
              });
  driver_->started();  // after the post: the count may dip below zero for a moment
}

core::ets_reports_result https_ets_client::fetch_reports(const core::ets_credentials &credentials,
                                                         const std::string &ssid) {
  if (io_.get_executor().running_in_this_thread()) {
    throw core::failure(core::status::internal,
                        "fetch_reports must not be called from an ETS callback");
  }
  fetch_outcome outcome;
  bool done = false;
  start_fetch(credentials, ssid, [this, &outcome, &done](fetch_outcome answer) {
    outcome = std::move(answer);
    driver_->finished(done);
  });
  driver_->run_until(done);  // on this thread when no one else runs the io_context
  if (auto *raw = std::get_if<undecoded_reports>(&outcome)) {
    // After run_until: a large list costs this caller, not every call on the io_context.
    return decode_reports(raw->body, ssid);
  }
  return std::get<core::ets_reports_result>(std::move(outcome));
}

core::ets_reports_result https_ets_client::decode_reports(const std::string &body,
                                                          const std::string &ssid) {
  try {
    auto parsed = wire::parse_reports_response(profile_, body, ssid, clock_.now());
    if (auto *f = std::get_if<core::ets_failure>(&parsed)) {
      if (f->fault != core::ets_fault::answered) {
        log_give_up(log_, "report request", *f);
      }
      return core::ets_reports_result{std::move(*f)};
    }
    auto &page = std::get<wire::reports_page>(parsed);
    // One line per answer however many items it had: the counts, never the items.
    if (wire::worth_logging(page.counts)) {
      log_.log(core::log_level::warning,
               "ETS report list: " + wire::describe(profile_, page.counts));
    }
    return core::ets_reports_result{std::move(page.reports)};
  } catch (const std::exception &e) {
    core::ets_reports_result failed{internal_failure(e.what())};
    log_give_up(log_, "report request", failed.failure());
    return failed;
  }
}

void https_ets_client::deliver(const reports_callback &done, core::ets_reports_result result) {
  try {
    done(std::move(result));
  } catch (...) {
    log_.log(core::log_level::error, "ETS client: a report callback threw; ignored");
  }
}

core::ets_token_result https_ets_client::check_credentials(
    const core::ets_credentials &credentials) {
  if (io_.get_executor().running_in_this_thread()) {
    throw core::failure(core::status::internal,
                        "check_credentials must not be called from an ETS callback");
  }
  core::ets_token_result outcome;
  bool done = false;
  asio::post(io_, [this, owned = credentials, &outcome, &done]() mutable {
    asio::co_spawn(
        io_, run_check(std::move(owned)),
        [this, &outcome, &done](const std::exception_ptr &e, core::ets_token_result result) {
          if (e) {
            result = core::ets_token_result{false, internal_failure(exception_text(e))};
            log_give_up(log_, "token request", result.failure);
          }
          outcome = std::move(result);
          driver_->finished(done);
        });
  });
  driver_->run_until(done);
  return outcome;
}

std::optional<core::ets_token> https_ets_client::current_token(const std::string &set_id) {
  return tokens_.lookup(set_id, clock_.now());
}

void https_ets_client::adopt_token(const std::string &set_id, const core::ets_token &token) {
  // The value goes into an Authorization header: only what the token answer itself may hold
  // (the check wire::parse_token_response applies) is taken.
  if (!wire::usable_token(token.value)) {
    return;
  }
  tokens_.adopt(set_id, token.value, token.expires_at, clock_.now());
}

asio::awaitable<https_ets_client::fetch_outcome> https_ets_client::run_fetch(
    core::ets_credentials credentials, std::string ssid) {
  const steady_time deadline = steady_clock::now() + settings_.timeout;
  bool refreshed = false;
  for (;;) {
    token_outcome token = co_await token_for(credentials, deadline);
    if (auto *f = std::get_if<core::ets_failure>(&token)) {
      co_return core::ets_reports_result{*f};
    }
    const std::string &bearer = std::get<std::string>(token);
    const wire::request_spec request =
        wire::reports_request(profile_, pool_.where().base_path, ssid, bearer);
    call_outcome outcome = co_await caller_.call(request, deadline);
    if (auto *f = std::get_if<core::ets_failure>(&outcome)) {
      co_return core::ets_reports_result{*f};
    }
    http_answer &answer = std::get<http_answer>(outcome);
    if (answer.status == 401 && !refreshed) {
      // The token died before its time (ETS restarted, credentials regenerated): one new token,
      // one more try. A second 401 is the answer.
      tokens_.invalidate(credentials.set_id, bearer);
      refreshed = true;
      log_.log(core::log_level::warning,
               "ETS refused a cached token before its expiry; requesting a new one");
      continue;
    }
    if (answer.status == 200) {
      co_return undecoded_reports{std::move(answer.body)};
    }
    core::ets_failure failure = wire::map_error(profile_, answer.status, answer.body);
    if (failure.fault != core::ets_fault::answered) {
      log_give_up(log_, "report request", failure);
    }
    co_return core::ets_reports_result{std::move(failure)};
  }
}

asio::awaitable<core::ets_token_result> https_ets_client::run_check(
    core::ets_credentials credentials) {
  const steady_time deadline = steady_clock::now() + settings_.timeout;
  token_outcome token = co_await request_token(credentials, deadline);
  if (auto *f = std::get_if<core::ets_failure>(&token)) {
    co_return core::ets_token_result{false, *f};
  }
  co_return core::ets_token_result{true, {}};
}

asio::awaitable<https_ets_client::token_outcome> https_ets_client::token_for(
    const core::ets_credentials &credentials, steady_time deadline) {
  if (auto cached = tokens_.get(credentials.set_id, clock_.now())) {
    co_return *cached;
  }
  if (auto it = pending_tokens_.find(credentials.set_id); it != pending_tokens_.end()) {
    // Someone is already asking for this set's token: wait for that answer, not a second one.
    const auto pending = it->second;
    auto timer = std::make_shared<asio::steady_timer>(io_, deadline);
    pending->waiters.push_back(timer);
    co_await timer->async_wait(use_tuple);
    if (pending->result) {
      co_return *pending->result;
    }
    co_return core::ets_failure{core::ets_error::processing_error, core::ets_fault::timed_out, 0,
                                "deadline passed waiting for a token"};
  }
  auto pending = std::make_shared<pending_token>();
  pending_tokens_[credentials.set_id] = pending;
  token_outcome result = co_await request_token(credentials, deadline);
  pending->result = result;
  if (auto it = pending_tokens_.find(credentials.set_id);
      it != pending_tokens_.end() && it->second == pending) {
    pending_tokens_.erase(it);
  }
  for (const auto &waiter : pending->waiters) {
    waiter->cancel();
  }
  co_return result;
}

asio::awaitable<https_ets_client::token_outcome> https_ets_client::request_token(
    const core::ets_credentials &credentials, steady_time deadline) {
  call_outcome outcome = co_await caller_.call(
      wire::token_request(profile_, pool_.where().base_path, credentials), deadline);
  if (auto *f = std::get_if<core::ets_failure>(&outcome)) {
    co_return *f;
  }
  const http_answer &answer = std::get<http_answer>(outcome);
  auto parsed = wire::parse_token_response(profile_, answer.status, answer.body);
  if (auto *f = std::get_if<core::ets_failure>(&parsed)) {
    if (f->fault != core::ets_fault::answered) {
      log_give_up(log_, "token request", *f);
    }
    co_return *f;
  }
  auto &grant = std::get<wire::token_grant>(parsed);
  tokens_.put(credentials.set_id, grant.token, grant.expires_in, clock_.now());
  co_return std::move(grant.token);
}

}  // namespace ssrlink::ets
