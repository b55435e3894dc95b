#include "plugin_instance.hpp"

#include <unistd.h>

#include <boost/json/serialize.hpp>

#include "core/credentials/credential_service.hpp"
#include "core/error.hpp"
#include "core/json/json_fields.hpp"
#include "core/report_page/report_page_service.hpp"
#include "core/sweep/report_identity.hpp"
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

// The sweep's worker name when a request names none: unique per host process.
core::sweep_options sweep_defaults() {
  core::sweep_options options;
  options.default_worker = "host-" + std::to_string(::getpid());
  return options;
}

}  // namespace

struct plugin_instance::services {
  services(const core::config &config, core::logger &log, const core::clock &clock)
      : sealer(crypto::open_seal_key(config.seal_key_file, log)),
        database(odbc::make_odbc_ports(config.odbc, config.db_pool_size, log)),
        sweep_store(odbc::make_odbc_sweep_store(database.pool)),
        ets(ets::make_ets_client(config.ets, log, clock)),
        credentials(*database.credentials, sealer, *ets, clock, log),
        sweep(*sweep_store, *ets, credentials, clock, log, sweep_defaults()),
        page(page_dependencies(config, log, clock)) {}

  core::report_page_dependencies page_dependencies(const core::config &config, core::logger &log,
                                                   const core::clock &clock) {
    core::report_page_dependencies deps{
        *database.students,    credentials, *ets, *database.link_cache, *database.audit, clock, log,
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
  std::unique_ptr<core::ets_client> ets;
  core::credential_service credentials;
  core::sweep_service sweep;
  core::report_page_service page;
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

core::call_result plugin_instance::credentials_put(std::string_view request_json) {
  return services_->credentials.put(request_json);
}

core::call_result plugin_instance::credentials_status(std::string_view request_json) {
  return services_->credentials.status(request_json);
}

core::call_result plugin_instance::test_connection(std::string_view request_json) {
  return services_->credentials.test_connection(request_json);
}

core::call_result plugin_instance::credentials_reseal(std::string_view request_json) {
  const auto request = core::parse_json_object(request_json, "The request");
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
  return services_->sweep.run(request_json, [this](const std::string &progress_json) {
    if (progress_) {
      progress_(progress_json);
    }
  });
}

core::call_result plugin_instance::notifications_list(std::string_view request_json) {
  return services_->sweep.list_log(request_json);
}

core::call_result plugin_instance::notification_queue(std::string_view request_json) {
  return services_->sweep.queue_notice(request_json);
}

}  // namespace ssrlink::assembly
