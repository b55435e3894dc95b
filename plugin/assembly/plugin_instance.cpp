#include "plugin_instance.hpp"

#include <unistd.h>

#include <array>
#include <boost/json/serialize.hpp>
#include <random>
#include <string_view>

#include "core/audit/audited_call.hpp"
#include "core/credentials/credential_service.hpp"
#include "core/error.hpp"
#include "core/ets_token/shared_token_client.hpp"
#include "core/json/json_fields.hpp"
#include "core/report_page/report_page_service.hpp"
#include "core/report_page/sealed_link_cache_store.hpp"
#include "core/sweep/report_identity.hpp"
#include "core/sweep/sweep_request.hpp"
#include "core/sweep/sweep_service.hpp"
#include "crypto/seal_key_file.hpp"
#include "ets/ets_client_factory.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_store.hpp"

namespace ssrlink::assembly {

// Owns every adapter and service of one plugin handle. Members are declared in dependency
// order, so they are destroyed in reverse: services first, then the ETS client (joining its
// threads), then the database pool.
namespace {

// The sweep's worker name when a request names none: host name, pid and 32 random bits.
std::string unique_worker_name() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) {
    host[0] = '\0';
  }
  std::random_device entropy;
  return core::default_worker_name(host.data(), static_cast<long>(::getpid()),
                                   static_cast<std::uint32_t>(entropy()));
}

core::sweep_options sweep_defaults() {
  core::sweep_options options;
  options.default_worker = unique_worker_name();
  return options;
}

}  // namespace

struct plugin_instance::services {
  services(const core::config &config, core::logger &log, const core::clock &clock)
      : sealer(crypto::open_seal_key(config.seal_key_file, log)),
        database(odbc::make_odbc_ports(config.odbc, config.db_pool_size, log)),
        sweep_store(odbc::make_odbc_sweep_store(database.pool)),
        ets_direct(ets::make_ets_client(config.ets, log, clock)),
        // Tokens are sealed under the same key as the Secret Keys and follow its rotation;
        // `credentials` is built below but only asked at call time.
        ets(
            *ets_direct, *database.ets_tokens, [this] { return credentials.current_sealer(); },
            clock, log),
        credentials(*database.credentials, sealer, ets, clock, log),
        // Report links are sealed under the same key as the Secret Keys, and follow its rotation.
        sealed_link_cache(
            *database.link_cache, [this] { return credentials.current_sealer(); }, log),
        sweep(*sweep_store, ets, credentials, clock, log, sweep_defaults()),
        page(page_dependencies(config, log, clock)),
        audited(*database.audit, clock, log) {}

  core::report_page_dependencies page_dependencies(const core::config &config, core::logger &log,
                                                   const core::clock &clock) {
    core::report_page_dependencies deps{
        *database.students,    credentials, ets, sealed_link_cache, *database.audit, clock, log,
        config.ets.link_hosts, {},          {}};
    // A parent's page that showed reports marks them offered in the notification log.
    deps.offered_to_parent = [this](std::int64_t student_id, int contact_sequence,
                                    const core::report_links &shown) {
      std::vector<std::string> keys;
      for (const auto &link : shown) {
        keys.push_back(core::report_key(link));
      }
      sweep.record_offered(student_id, contact_sequence, keys);
    };
    return deps;
  }

  std::shared_ptr<const core::secret_sealer> sealer;
  odbc::odbc_ports database;
  std::unique_ptr<core::sweep_store> sweep_store;
  std::unique_ptr<core::ets_client> ets_direct;
  // Every service calls ETS through this: tokens shared with other processes via the database.
  core::shared_token_client ets;
  core::credential_service credentials;
  core::sealed_link_cache_store sealed_link_cache;
  core::sweep_service sweep;
  core::report_page_service page;
  core::audited_calls audited;
};

plugin_instance::plugin_instance(std::string_view config_json, std::unique_ptr<core::logger> log,
                                 std::unique_ptr<core::clock> clock, progress_sink progress)
    : log_(std::move(log)),
      clock_(std::move(clock)),
      progress_(std::move(progress)),
      config_(core::parse_config(config_json)),
      services_(std::make_unique<services>(config_, *log_, *clock_)) {}

plugin_instance::~plugin_instance() = default;

core::call_result plugin_instance::reports(std::string_view request_json) {
  return services_->page.handle(request_json);
}

// Every call but the page names its actor and is audited (core/audit/audited_call.hpp).
core::call_result plugin_instance::credentials_put(std::string_view request_json) {
  return services_->audited.run("credentials_put", "The credentials request", request_json,
                                [this](std::string_view request, const core::actor &) {
                                  return services_->credentials.put(request);
                                });
}

core::call_result plugin_instance::credentials_status(std::string_view request_json) {
  return services_->audited.run("credentials_status", "The credentials status request",
                                request_json,
                                [this](std::string_view request, const core::actor &) {
                                  return services_->credentials.status(request);
                                });
}

core::call_result plugin_instance::test_connection(std::string_view request_json) {
  return services_->audited.run("test_connection", "The test connection request", request_json,
                                [this](std::string_view request, const core::actor &) {
                                  return services_->credentials.test_connection(request);
                                });
}

core::call_result plugin_instance::credentials_reseal(std::string_view request_json) {
  return services_->audited.run(
      "credentials_reseal", "The reseal request", request_json,
      [this](std::string_view request, const core::actor &) { return reseal(request); });
}

core::call_result plugin_instance::reseal(std::string_view request_json) {
  const auto request = core::parse_json_object(request_json, "The reseal request");
  core::json_fields fields(request, "", core::status::invalid_argument);
  const auto path = fields.required_string("new_seal_key_file");
  fields.reject_unknown();
  std::shared_ptr<const core::secret_sealer> next = crypto::open_seal_key(path, *log_);
  const auto resealed = services_->credentials.rotate_sealer(std::move(next));
  log_->log(core::log_level::info, "Re-sealed " + std::to_string(resealed) +
                                       " credential rows under the key in " + path +
                                       "; point every host's seal_key_file at it.");
  boost::json::object result;
  result["resealed"] = resealed;
  result["seal_key_file"] = path;
  return {core::status::ok, boost::json::serialize(result)};
}

core::call_result plugin_instance::sweep(std::string_view request_json) {
  return services_->audited.run("sweep", "The sweep request", request_json,
                                [this](std::string_view request, const core::actor &) {
                                  return services_->sweep.run(
                                      request, [this](const std::string &progress_json) {
                                        if (progress_) {
                                          progress_(progress_json);
                                        }
                                      });
                                });
}

core::call_result plugin_instance::notifications_list(std::string_view request_json) {
  return services_->audited.run("notifications_list", "The notification list request", request_json,
                                [this](std::string_view request, const core::actor &) {
                                  return services_->sweep.list_log(request);
                                });
}

core::call_result plugin_instance::notification_queue(std::string_view request_json) {
  return services_->audited.run("notification_queue", "The notice request", request_json,
                                [this](std::string_view request, const core::actor &) {
                                  return services_->sweep.queue_notice(request);
                                });
}

}  // namespace ssrlink::assembly
