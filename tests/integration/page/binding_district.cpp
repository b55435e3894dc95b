#include "binding_district.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "ets/fake_ets_process.hpp"
#include "odbc_rows.hpp"
#include "postgres/postgres_server.hpp"

namespace ssrlink::e2e::binding {
namespace {

namespace fs = std::filesystem;

// The families of binding_district.hpp, in SQL both SQLite and PostgreSQL accept.
constexpr const char *families_sql = R"SQL(
INSERT INTO SCL (SC, NM, CDS) VALUES (1, 'Lincoln Elementary', '01611190130229'),
  (2, 'Washington Middle', '01611270130450');
INSERT INTO STU (ID, SC, SN, LN, FN, GR, CID, DNR, HCI, PU) VALUES
  (1, 1, 1, 'Xavier', 'Xia', 5, '2000000001', '', '', 'stu-x'),
  (2, 1, 2, 'Young', 'Yara', 5, '2000000002', '', '', 'stu-y'),
  (3, 2, 3, 'Zeller', 'Zeno', 7, '2000000003', '', '', 'stu-z'),
  (4, 1, 4, 'Dnr', 'Dana', 5, '2000000004', 'Y', '', 'stu-d'),
  (5, 1, 5, 'Hidden', 'Hal', 5, '2000000005', '', 'Y', 'stu-h'),
  (6, 2, 6, 'Xavier', 'Sam', 7, '2000000006', '', '', '');
INSERT INTO CON (PID, SQ, LN, FN, EM, ED, HCI, DEL, PU) VALUES
  (1, 1, 'Xavier', 'Mia', 'mia@example.org', 'Y', '', '', 'fam-x'),
  (1, 2, 'Xavier', 'Leo', 'leo@example.org', 'Y', '', '', 'dad-x'),
  (1, 3, 'Xavier', 'Gran', 'gran@example.org', '', '', '', 'gran-x'),
  (1, 4, 'Xavier', 'Former', 'former@example.org', 'Y', '', 'Y', 'gone-x'),
  (2, 1, 'Young', 'Ann', 'ann@example.org', 'Y', '', '', 'fam-y'),
  (3, 1, 'Zeller', 'Ben', 'ben@example.org', 'Y', '', '', 'fam-z'),
  (4, 1, 'Dnr', 'Dee', 'dee@example.org', 'Y', '', '', 'fam-d'),
  (5, 1, 'Hidden', 'Hope', 'hope@example.org', 'Y', '', '', 'fam-h'),
  (6, 1, 'Xavier', 'Mia', 'mia@example.org', 'Y', '', '', 'fam-x');
)SQL";

std::string read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// tools/fake-ets/fixtures/test.json with the six students' SSIDs added, each with the reports
// of 1000000001.
std::string fixture() {
  auto json = boost::json::parse(
      read_file(fs::path(SSRLINK_SOURCE_DIR) / "tools/fake-ets/fixtures/test.json"));
  auto &students = json.as_object().at("students").as_object();
  const boost::json::value reports = students.at("1000000001");
  for (int i = 1; i <= 6; ++i) {
    students["200000000" + std::to_string(i)] = reports;
  }
  return boost::json::serialize(json);
}

// What every district of the binary shares; torn down after the last test.
struct shared_services {
  ets::testing::temp_dir dir;
  std::unique_ptr<ets::testing::fake_ets_process> ets;
  std::unique_ptr<test::postgres_server> postgres;
  std::map<backend, std::unique_ptr<district>> districts;
  std::map<std::string, std::unique_ptr<district>> own_districts;  // by database name

  shared_services() {
    ets::testing::make_cert(dir.path() / "cert");
    ets = std::make_unique<ets::testing::fake_ets_process>(dir.path(), fixture(),
                                                           dir.path() / "cert");
    postgres = std::make_unique<test::postgres_server>();
  }
  ~shared_services() {
    districts.clear();  // close the plugins before their databases go
    own_districts.clear();
    postgres.reset();
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

// Loads the schema and the families the way a DBA would, returns the ODBC connection string.
std::string load(backend where, const std::string &name, const fs::path &dir) {
  fs::create_directories(dir);
  const fs::path sql = fs::path(SSRLINK_SOURCE_DIR) / "sql";
  if (where == backend::sqlite) {
    const fs::path file = dir / (name + ".db");
    std::ofstream(dir / (name + ".sql"))
        << read_file(sql / "sqlite" / "reference-host.sql")
        << read_file(sql / "sqlite" / "install.sql") << families_sql;
    run("sqlite3 '" + file.string() + "' < '" + (dir / (name + ".sql")).string() + "'");
    return "DRIVER=SQLite3;Database=" + file.string() + ";";
  }
  const test::postgres_server &pg = *services->postgres;
  pg.psql("postgres", "CREATE DATABASE " + name);
  pg.psql_file(name, sql / "postgresql" / "reference-host.sql");
  pg.psql_file(name, sql / "postgresql" / "install.sql");
  pg.psql(name, families_sql);
  return pg.odbc_connection_string(name);
}

}  // namespace

std::string backend_name(backend where) {
  return where == backend::sqlite ? "sqlite" : "postgresql";
}

std::string with_actor(const std::string &fields) {
  return R"({"actor": {"role": "admin", "user_id": "binding-admin"})" +
         (fields.empty() ? "" : ", " + fields) + "}";
}

district::district(backend where, const std::string &name)
    : district(where, services->dir.path() / name, name) {}

district::district(backend where, const fs::path &dir, const std::string &name)
    : abi_district(load(where, name, dir), dir,
                   {services->ets->base_url(), services->dir.path() / "cert" / "ca.pem"},
                   R"({"role": "admin", "user_id": "binding-admin"})"),
      where_(where),
      dir_(dir) {}

district &shared_district(backend where) {
  auto &made = services->districts[where];
  if (!made) {
    made = std::make_unique<district>(where, "binding_" + backend_name(where));
  }
  return *made;
}

district &own_district(backend where, const std::string &name,
                       const std::function<void(district &)> &prepare) {
  auto &made = services->own_districts[name];
  if (!made) {
    made = std::make_unique<district>(where, name);
    prepare(*made);
  }
  return *made;
}

}  // namespace ssrlink::e2e::binding
