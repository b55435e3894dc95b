// The probe's half of https_ets_client (ssrlink_ets_probe): one token exchange and one report
// request, each sent once on the io_context, then read and redacted on the caller's thread by
// wire_probe.hpp. Apart from the fetch path because it shares nothing with it but the
// connection pool: no retry, no token cache, no decoding thread.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>

#include "core/error.hpp"
#include "https_ets_client.hpp"

namespace ssrlink::ets {
namespace {

namespace asio = boost::asio;
using std::chrono::steady_clock;

}  // namespace

core::ets_probe_report https_ets_client::probe(const core::ets_credentials &credentials,
                                               const std::optional<std::string> &ssid) {
  if (io_.get_executor().running_in_this_thread()) {
    throw core::failure(core::status::internal, "probe must not be called from an ETS callback");
  }
  std::vector<probe_exchange> exchanges;
  std::exception_ptr failed;
  bool done = false;
  asio::post(io_, [this, owned = credentials, ssid, &exchanges, &failed, &done]() mutable {
    asio::co_spawn(io_, run_probe(std::move(owned), ssid),
                   [this, &exchanges, &failed, &done](const std::exception_ptr &e,
                                                      std::vector<probe_exchange> steps) {
                     failed = e;
                     exchanges = std::move(steps);
                     driver_->finished(done);
                   });
  });
  driver_->run_until(done);
  if (failed) {
    std::rethrow_exception(failed);
  }

  core::ets_probe_report report;
  report.profile_name = profile_.name;
  report.profile_source = settings_.wire_profile.value_or("built-in");
  for (auto &exchange : exchanges) {
    if (auto *error = std::get_if<transport_error>(&exchange.result)) {
      core::ets_probe_step step;
      step.name = exchange.kind == wire::probe_step_kind::token ? "token" : "reports";
      step.request = std::move(exchange.request_line);
      step.http_status = error->http_status;
      // Transport details name the step and the library's reason, never a query or a token.
      step.transport_failure = error->detail;
      step.first_mismatch = "no answer: " + error->detail;
      step.verdict = "ETS could not be reached or did not answer in time";
      report.steps.push_back(std::move(step));
      continue;
    }
    auto &answer = std::get<http_answer>(exchange.result);
    const wire::raw_answer raw{answer.status, std::move(answer.headers), std::move(answer.body)};
    report.steps.push_back(wire::analyse_answer(profile_, exchange.kind,
                                                std::move(exchange.request_line), raw,
                                                ssid.value_or(""), clock_.now()));
  }
  return report;
}

asio::awaitable<std::vector<https_ets_client::probe_exchange>> https_ets_client::run_probe(
    core::ets_credentials credentials, std::optional<std::string> ssid) {
  const steady_time deadline = steady_clock::now() + settings_.timeout;
  std::vector<probe_exchange> steps;
  wire::request_spec token_spec =
      wire::token_request(profile_, pool_.where().base_path, credentials);
  token_spec.keep_headers = true;
  // Each co_await stands in a statement of its own: GCC 12 mishandles one inside a braced
  // initializer.
  exchange_result token_result = co_await caller_.once(token_spec, deadline);
  steps.push_back({wire::probe_step_kind::token,
                   wire::describe_request(profile_, wire::probe_step_kind::token, token_spec),
                   std::move(token_result)});
  const auto *token_answer = std::get_if<http_answer>(&steps.back().result);
  if (!ssid || token_answer == nullptr) {
    co_return steps;
  }
  // The token goes into the next request and nowhere else: not the cache, not the result.
  auto grant = wire::parse_token_response(profile_, token_answer->status, token_answer->body);
  if (auto *granted = std::get_if<wire::token_grant>(&grant)) {
    wire::request_spec reports_spec =
        wire::reports_request(profile_, pool_.where().base_path, *ssid, granted->token);
    reports_spec.keep_headers = true;
    exchange_result reports_result = co_await caller_.once(reports_spec, deadline);
    steps.push_back({wire::probe_step_kind::reports,
                     wire::describe_request(profile_, wire::probe_step_kind::reports, reports_spec),
                     std::move(reports_result)});
  }
  co_return steps;
}

}  // namespace ssrlink::ets
