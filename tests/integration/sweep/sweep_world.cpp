#include "sweep_world.hpp"

#include <gtest/gtest.h>

#include <boost/json/value.hpp>
#include <cstdlib>

#include "ets/ets_client_factory.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::sweep::testing {

namespace fs = std::filesystem;

shared_world *world = nullptr;

shared_world::shared_world() {
  ets::testing::make_cert(dir.path() / "cert");
  ca_file = dir.path() / "cert" / "ca.pem";
  ets = std::make_unique<ets::testing::fake_ets_process>(dir.path(), district.fixture_json(),
                                                         dir.path() / "cert");
  ::setenv("SSRLINK_SWEEP_SECRET", ets_secret.c_str(), 1);
}

std::int64_t shared_world::report_requests() const {
  return ets->control(ca_file, "stats").as_object().at("report_requests").to_number<std::int64_t>();
}

namespace {

class world_environment final : public ::testing::Environment {
 public:
  void SetUp() override { world = new shared_world(); }
  void TearDown() override {
    delete world;
    world = nullptr;
  }
};
[[maybe_unused]] ::testing::Environment *const registered =
    ::testing::AddGlobalTestEnvironment(new world_environment);

int load(const std::string &db) {
  const fs::path sql = SSRLINK_SQL_DIR;
  world->postgres.psql("postgres", "CREATE DATABASE " + db);
  world->postgres.psql_file(db, sql / "postgresql" / "reference-host.sql");
  world->postgres.psql_file(db, sql / "postgresql" / "install.sql");
  world->postgres.psql_file(db, sql / "postgresql" / "migrations" / "0002_sweep.sql");
  world->postgres.psql(db, world->district.host_sql());
  return 0;
}

}  // namespace

database::database(const std::string &db_name)
    : name(db_name),
      connection(world->postgres.odbc_connection_string(db_name)),
      ports((load(db_name), odbc::make_odbc_ports(connection, 1, log))) {}

std::int64_t database::scalar(const std::string &sql) {
  std::int64_t value = -1;
  ports.pool->run({"check", {}}, [&](odbc::connection &c) {
    odbc::statement &s = c.prepare(sql);
    s.execute(std::vector<odbc::parameter>{});
    value = s.fetch() ? s.integer(1).value_or(-1) : -1;
    s.close();
  });
  return value;
}

namespace {

std::unique_ptr<core::ets_client> world_ets_client(core::logger &log, const core::clock &clock) {
  core::ets_settings settings;
  settings.base_url = world->ets->base_url();
  settings.ca_file = world->ca_file.string();
  settings.wire_profile = ssrlink::testing::test_wire_profile();
  return ets::make_ets_client(settings, log, clock);
}

ssrlink::testing::fake_credential_resolver world_credentials() {
  ssrlink::testing::fake_credential_resolver resolver;
  resolver.district =
      core::resolved_credentials{{"district", ets_user, ets_secret, "district@1"}, {}, false};
  return resolver;
}

}  // namespace

sweep_rig::sweep_rig(odbc::connection_pool &pool, core::sweep_options options,
                     const core::clock *on)
    : clock(on != nullptr ? *on : system_time),
      credentials(world_credentials()),
      ets(world_ets_client(log, clock)),
      stores(odbc::make_odbc_sweep_stores(pool)),
      sweep(
          {*stores.students, *stores.leases, *stores.log, *stores.outbox, *stores.schedule},
          [this] { return settings; }, *ets, credentials, clock, log, std::move(options)),
      staff(*stores.log, *stores.students, *stores.outbox, clock) {}

std::vector<std::string> worker_args(const database &db, const std::string &request,
                                     const fs::path &trace) {
  return {"--odbc",       db.connection,
          "--base-url",   world->ets->base_url(),
          "--ca-file",    world->ca_file.string(),
          "--username",   ets_user,
          "--request",    request,
          "--trace",      trace.string(),
          "--batch-size", std::to_string(batch_size),
          "--pool",       "3"};
}

}  // namespace ssrlink::sweep::testing
