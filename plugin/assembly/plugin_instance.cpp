#include "plugin_instance.hpp"

#include <unistd.h>

#include <array>
#include <random>
#include <string_view>

#include "core/audit/audited_call.hpp"
#include "core/credentials/credential_admin.hpp"
#include "core/credentials/credential_resolution.hpp"
#include "core/credentials/credential_writes.hpp"
#include "core/credentials/key_rotation.hpp"
#include "core/credentials/sealer_in_force.hpp"
#include "core/ets_token/shared_token_client.hpp"
#include "core/mapping_check/mapping_check_service.hpp"
#include "core/report_page/report_page_service.hpp"
#include "core/report_page/sealed_link_cache_store.hpp"
#include "core/settings/settings_service.hpp"
#include "core/sweep/notification_log.hpp"
#include "core/sweep/sweep_request.hpp"
#include "core/sweep/sweep_service.hpp"
#include "core/sweep/zone_files.hpp"
#include "crypto/seal_key_file.hpp"
#include "ets/ets_client_factory.hpp"
#include "odbc/mapping_check/odbc_mapping_inspector.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_stores.hpp"

namespace ssrlink::assembly {

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

}  // namespace

// Every adapter and service of one plugin handle, one wiring a line. Members are built in the
// order they are declared and destroyed in reverse: services first, then the ETS client (joining
// its threads), then the database pool. A service is only ever handed members declared above it.
struct plugin_instance::services {
  services(const core::config &loaded, core::logger &sink, const core::clock &time)
      : config(loaded), log(sink), clock(time) {}

  const core::config &config;
  core::logger &log;
  const core::clock &clock;

  // The seal key of the Secret Keys; ETS tokens and report links are sealed under it too, and
  // follow its rotation (each asks for the key in force at call time).
  core::sealer_in_force seal_keys{crypto::open_seal_key(config.seal_key_file, log)};
  core::shared_token_client::sealer_source seal_key_in_force = [this] {
    return seal_keys.current();
  };

  // Adapters: the database (one bounded pool for every store) and ETS.
  odbc::odbc_ports database = odbc::make_odbc_ports(config.odbc, config.db_pool_size, log);
  odbc::odbc_sweep_stores sweep_stores = odbc::make_odbc_sweep_stores(*database.pool);
  std::unique_ptr<core::ets_client> ets_direct = ets::make_ets_client(config.ets, log, clock);

  // Every service calls ETS through this: tokens shared with other processes via the database.
  core::shared_token_client ets{*ets_direct, *database.ets_tokens, seal_key_in_force, clock, log};

  // TOMS credentials: writes serialised against key rotation, resolution cached for the page
  // and the sweep, the admin calls, and rotation itself.
  core::credential_writes credential_writes{*database.credentials, seal_keys};
  core::credential_resolution credentials{*database.credentials, seal_keys, clock, log};
  core::credential_admin credential_admin{
      *database.credentials, credential_writes, credentials, ets, clock, log};
  core::key_rotation key_rotation{
      *database.credentials, seal_keys, credential_writes,
      [this](const std::string &path) {
        return std::shared_ptr<const core::secret_sealer>(crypto::open_seal_key(path, log));
      },
      log};

  // The district's settings, read (cached) by the page and the sweep.
  core::settings_service settings{*database.settings, clock, log};
  core::settings_source settings_in_force = [this] { return settings.current(); };

  // The report page.
  core::sealed_link_cache_store sealed_link_cache{*database.link_cache, seal_key_in_force, log};
  core::report_page_service page{page_dependencies()};

  // The sweep and the staff side of its log.
  core::sweep_service sweep{{.students = *sweep_stores.students,
                             .leases = *sweep_stores.leases,
                             .log = *sweep_stores.log,
                             .outbox = *sweep_stores.outbox,
                             .schedule = *sweep_stores.schedule},
                            settings_in_force,
                            ets,
                            credentials,
                            clock,
                            log,
                            {.default_worker = unique_worker_name()}};
  core::zone_source manager_zones = core::zoneinfo_directory();
  core::notification_log notifications{*sweep_stores.log, *sweep_stores.students,
                                       *sweep_stores.outbox, clock, manager_zone()};

  // The DBA's check of the view mapping.
  std::unique_ptr<core::mapping_inspector> mapping_inspector =
      odbc::make_mapping_inspector(database.pool);
  core::mapping_check_service mapping_check{*mapping_inspector};

  // The audit row (with its actor) around every call but the page, which audits itself.
  core::audited_calls audited{*database.audit, clock, log};

  // The Manager shows days in the district's time zone, the schedule's: a report found at 7 pm
  // in California is found that day, not the next UTC day. A zone that cannot be read (or
  // settings that cannot) shows UTC days rather than failing the list.
  core::display_zone manager_zone() {
    return [this]() -> std::optional<core::time_zone> {
      try {
        return core::load_zone(manager_zones, settings.current().schedule.time_zone);
      } catch (const std::exception &) {
        return std::nullopt;
      }
    };
  }

  // Built in a function of its own: GCC 12 at -O3 warns (-Wmaybe-uninitialized, a false
  // positive) about the std::function members of the temporary in a member initialiser.
  core::report_page_dependencies page_dependencies() {
    return {.students = *database.students,
            .credentials = credentials,
            .ets = ets,
            .shared_cache = sealed_link_cache,
            .audit = *database.audit,
            .offered = *sweep_stores.offered,
            .clock = clock,
            .log = log,
            .link_hosts = config.ets.link_hosts,
            .settings = settings_in_force,
            .transactions = database.transactions.get()};
  }
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

namespace {

// The schools a staff actor works at (core/sweep/staff_scope.hpp); administrators and the host
// itself are district-wide whatever codes they carry.
core::staff_schools schools_of(const core::actor &who) {
  if (who.role != core::actor_role::staff) {
    return {};
  }
  return {who.school_codes};
}

}  // namespace

// Every call but the page names its actor and is audited (core/audit/audited_call.hpp).
core::call_result plugin_instance::credentials_put(std::string_view request_json) {
  return audited("credentials_put", "The credentials request", request_json,
                 services_->credential_admin, &core::credential_admin::put);
}

core::call_result plugin_instance::credentials_status(std::string_view request_json) {
  return audited("credentials_status", "The credentials status request", request_json,
                 services_->credential_admin, &core::credential_admin::status);
}

core::call_result plugin_instance::test_connection(std::string_view request_json) {
  return audited("test_connection", "The test connection request", request_json,
                 services_->credential_admin, &core::credential_admin::test_connection);
}

core::call_result plugin_instance::credentials_reseal(std::string_view request_json) {
  return audited("credentials_reseal", "The reseal request", request_json, services_->key_rotation,
                 &core::key_rotation::reseal);
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
                                [this](std::string_view request, const core::actor &who) {
                                  return services_->notifications.list(request, schools_of(who));
                                });
}

core::call_result plugin_instance::notification_queue(std::string_view request_json) {
  return services_->audited.run("notification_queue", "The notice request", request_json,
                                [this](std::string_view request, const core::actor &who) {
                                  return services_->notifications.queue(request, schools_of(who));
                                });
}

core::call_result plugin_instance::check_mapping(std::string_view request_json) {
  return audited("check_mapping", "The mapping check request", request_json,
                 services_->mapping_check, &core::mapping_check_service::check);
}

core::call_result plugin_instance::ets_probe(std::string_view request_json) {
  return audited("ets_probe", "The ETS probe request", request_json, services_->credential_admin,
                 &core::credential_admin::probe);
}

core::call_result plugin_instance::settings_get(std::string_view request_json) {
  return audited("settings_get", "The settings request", request_json, services_->settings,
                 &core::settings_service::get);
}

core::call_result plugin_instance::settings_put(std::string_view request_json) {
  // The rows are stamped with the actor who changed them.
  return services_->audited.run("settings_put", "The settings request", request_json,
                                [this](std::string_view request, const core::actor &actor) {
                                  return services_->settings.put(request, actor.user_id);
                                });
}

// The services take the request text without "actor"; the actor is the audit row's business.
template <class Service>
core::call_result plugin_instance::audited(std::string_view action, std::string_view what,
                                           std::string_view request_json, Service &service,
                                           core::call_result (Service::*method)(std::string_view)) {
  return services_->audited.run(
      action, what, request_json,
      [&](std::string_view request, const core::actor &) { return (service.*method)(request); });
}

}  // namespace ssrlink::assembly
