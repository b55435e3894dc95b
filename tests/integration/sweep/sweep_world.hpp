// The world the sweep's integration tests share: one PostgreSQL server and one fake-ets serving
// the synthetic district for the whole test binary, fresh databases per test, and the command
// line of a sweep_worker process.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/ports/ets_client.hpp"
#include "core/sweep/notification_log.hpp"
#include "core/sweep/sweep_service.hpp"
#include "doubles/fake_credential_resolver.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/recording_logger.hpp"
#include "ets/fake_ets_process.hpp"
#include "odbc/odbc_ports.hpp"
#include "odbc/sweep/odbc_sweep_stores.hpp"
#include "postgres/postgres_server.hpp"
#include "synthetic_district.hpp"
#include "worker_process.hpp"

namespace ssrlink::sweep::testing {

inline constexpr std::int64_t district_size = 1000;
inline constexpr int batch_size = 50;

struct shared_world {
  synthetic_district district = synthetic_district::of(district_size, 5);
  test::postgres_server postgres;
  ets::testing::temp_dir dir;
  std::filesystem::path ca_file;
  std::unique_ptr<ets::testing::fake_ets_process> ets;

  shared_world();
  std::int64_t report_requests() const;
};

// Set up by a GoogleTest environment before the first test, torn down after the last.
extern shared_world *world;

// A fresh database holding the reference host schema, install.sql, migration 0002 and the
// synthetic district.
struct database {
  std::string name;
  std::string connection;
  ssrlink::testing::recording_logger log;
  odbc::odbc_ports ports;

  explicit database(const std::string &db_name);
  std::int64_t scalar(const std::string &sql);
};

// The sweep and the staff side of its log in this process, over the ODBC stores of one
// database: the real HTTPS ETS client against the shared fake-ets, whose pair serves every school.
// The settings source gives `settings`, which a test may change between runs.
struct sweep_rig {
  ssrlink::testing::recording_logger log;
  ssrlink::testing::system_clock system_time;
  const core::clock &clock;
  ssrlink::testing::fake_credential_resolver credentials;
  std::unique_ptr<core::ets_client> ets;
  odbc::odbc_sweep_stores stores;
  core::district_settings settings;
  core::sweep_service sweep;
  core::notification_log staff;

  // `pool`, and `on` when given (the host's clock: a test moves it), must outlive the rig.
  explicit sweep_rig(odbc::connection_pool &pool, core::sweep_options options = {},
                     const core::clock *on = nullptr);
};

std::vector<std::string> worker_args(const database &db, const std::string &request,
                                     const std::filesystem::path &trace);

}  // namespace ssrlink::sweep::testing
