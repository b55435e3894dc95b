#include "example_district.hpp"

#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "ets/fake_ets_process.hpp"
#include "postgres/postgres_server.hpp"

namespace ssrlink::e2e::mapping {
namespace {

namespace fs = std::filesystem;

// The SSIDs of both examples' host-data.sql (people and enrollments: 30000000xx, student 1005
// has none; different names: 40000000xx).
constexpr const char *example_ssids[] = {
    "3000000001", "3000000002", "3000000003", "3000000004", "3000000006",
    "3000000007", "3000000008", "3000000009", "4000000001", "4000000002",
    "4000000003", "4000000004", "4000000005",
};

std::string read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// tools/fake-ets/fixtures/test.json (for its credentials) with the examples' SSIDs as its only
// students, each with one Final report of the current administration year: so each student
// with an SSID has exactly one report that notifies, and a dry run's counts are the data's.
std::string fixture() {
  auto json = boost::json::parse(
      read_file(fs::path(SSRLINK_SOURCE_DIR) / "tools/fake-ets/fixtures/test.json"));
  auto &students = json.as_object().at("students").as_object();
  boost::json::object report =
      students.at("1000000001").as_object().at("reports").as_array().at(0).as_object();
  report["administrationYear"] = current_administration_year();
  report["status"] = "Final";
  students.clear();
  for (const char *ssid : example_ssids) {
    students[ssid] = boost::json::object{{"reports", boost::json::array{report}}};
  }
  return boost::json::serialize(json);
}

// What every district of the binary shares; torn down after the last test.
struct shared_services {
  ets::testing::temp_dir dir;
  std::unique_ptr<ets::testing::fake_ets_process> ets;
  std::unique_ptr<test::postgres_server> postgres;

  shared_services() {
    ets::testing::make_cert(dir.path() / "cert");
    ets = std::make_unique<ets::testing::fake_ets_process>(dir.path(), fixture(),
                                                           dir.path() / "cert");
    postgres = std::make_unique<test::postgres_server>();
  }
};

shared_services *services = nullptr;

class services_environment final : public ::testing::Environment {
 public:
  void SetUp() override { services = new shared_services(); }
  void TearDown() override {
    delete services;
    services = nullptr;
  }
};
[[maybe_unused]] ::testing::Environment *const registered =
    ::testing::AddGlobalTestEnvironment(new services_environment);

void run(const std::string &command) {
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("command failed: " + command);
  }
}

fs::path script_path(backend where, const std::string &example, const std::string &script) {
  const fs::path sql = fs::path(SSRLINK_SOURCE_DIR) / "sql";
  const std::string dialect = backend_name(where);
  if (script == "install") {
    return sql / dialect / "install.sql";
  }
  // A script both dialects share (the host's tables, rows and indexes of the second example)
  // sits beside the dialects' folders; the rest is per dialect.
  const fs::path shared = sql / "examples" / example / (script + ".sql");
  return fs::exists(shared) ? shared : sql / "examples" / example / dialect / (script + ".sql");
}

// Runs one script of an example the way a DBA would: sqlite3 or psql, stopping at the first error.
void run_script_on(backend where, const fs::path &dir, const std::string &name,
                   const std::string &example, const std::string &script) {
  const fs::path file = script_path(where, example, script);
  if (!fs::exists(file)) {
    throw std::runtime_error("no script " + file.string());
  }
  if (where == backend::sqlite) {
    // -bail: the first failing statement stops the script, as ON_ERROR_STOP does for psql.
    // install.sql's lines naming the views still to map go to a file, not the test's output.
    run("sqlite3 -bail '" + (dir / (name + ".db")).string() + "' < '" + file.string() + "' >> '" +
        (dir / "sqlite3.out").string() + "'");
  } else {
    services->postgres->psql_file(name, file);
  }
}

// Creates the database, runs the plan's scripts, returns the ODBC connection string.
std::string load(backend where, const std::string &name, const fs::path &dir,
                 const load_plan &plan) {
  fs::create_directories(dir);
  std::string connection;
  if (where == backend::sqlite) {
    connection = "DRIVER=SQLite3;Database=" + (dir / (name + ".db")).string() + ";";
  } else {
    services->postgres->psql("postgres", "CREATE DATABASE " + name);
    connection = services->postgres->odbc_connection_string(name);
  }
  for (const std::string &script : plan.scripts) {
    run_script_on(where, dir, name, plan.example, script);
  }
  return connection;
}

}  // namespace

std::string backend_name(backend where) {
  return where == backend::sqlite ? "sqlite" : "postgresql";
}

load_plan install_first(const std::string &example) {
  load_plan plan{example, {"install", "host-tables", "host-data", "mapping"}};
  if (example == "people-and-enrollments") {
    plan.scripts.emplace_back("indexes");
  }
  return plan;
}

std::string current_administration_year() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  const int year = utc.tm_year + 1900;
  const int first = utc.tm_mon >= 6 ? year : year - 1;  // tm_mon 6 is July
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", first, (first + 1) % 100);
  return text;
}

std::string with_actor(const std::string &fields) {
  return R"({"actor": {"role": "admin", "user_id": "mapping-admin"})" +
         (fields.empty() ? "" : ", " + fields) + "}";
}

district::district(backend where, const std::string &name, const load_plan &plan)
    : abi_district(load(where, name, services->dir.path() / name, plan),
                   services->dir.path() / name,
                   {services->ets->base_url(), services->dir.path() / "cert" / "ca.pem"},
                   R"({"role": "admin", "user_id": "mapping-admin"})"),
      where_(where),
      name_(name),
      dir_(services->dir.path() / name) {}

void district::run_script(const std::string &example, const std::string &script) const {
  run_script_on(where_, dir_, name_, example, script);
}

}  // namespace ssrlink::e2e::mapping
