#include "plugin_instance.hpp"

#include <boost/json/serialize.hpp>

#include "core/credentials/credential_service.hpp"
#include "core/error.hpp"
#include "core/json/json_fields.hpp"
#include "core/report_page/report_page_service.hpp"
#include "crypto/seal_key_file.hpp"
#include "ets/ets_client_factory.hpp"
#include "odbc/odbc_ports.hpp"

namespace ssrlink::assembly {

// Owns every adapter and service of one plugin handle. Members are declared in dependency
// order, so they are destroyed in reverse: services first, then the ETS client (joining its
// threads), then the database pool.
struct plugin_instance::services {
  services(const core::config &config, core::logger &log, const core::clock &clock)
      : sealer(crypto::open_seal_key(config.seal_key_file, log)),
        database(odbc::make_odbc_ports(config.odbc, config.db_pool_size, log)),
        ets(ets::make_ets_client(config.ets, log, clock)),
        credentials(*database.credentials, sealer, *ets, clock, log),
        page(core::report_page_dependencies{*database.students, credentials, *ets,
                                            *database.link_cache, *database.audit, clock, log,
                                            config.ets.link_hosts}) {}

  std::shared_ptr<const core::secret_sealer> sealer;
  odbc::odbc_ports database;
  std::unique_ptr<core::ets_client> ets;
  core::credential_service credentials;
  core::report_page_service page;
};

plugin_instance::plugin_instance(std::string_view config_json, std::unique_ptr<core::logger> log,
                                 std::unique_ptr<core::clock> clock)
    : log_(std::move(log)),
      clock_(std::move(clock)),
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

core::call_result plugin_instance::sweep(std::string_view) {
  throw core::failure(core::status::unavailable,
                      "ssrlink_sweep is not available yet in this build (the notification "
                      "sweep); nothing was done.");
}

}  // namespace ssrlink::assembly
