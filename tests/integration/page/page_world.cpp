#include "page_world.hpp"

#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <utility>

#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::e2e {
namespace fs = std::filesystem;

world *shared = nullptr;
std::atomic<std::int64_t> clock_offset_ms{0};

namespace {

std::mutex log_mutex;
std::vector<std::string> log_store;
std::atomic<std::size_t> progress_count{0};

void count_progress(void *, const char *, size_t) {
  progress_count.fetch_add(1);
}

std::string read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void run(const std::string &command) {
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("command failed: " + command);
  }
}

// The test district: flags chosen so each row exercises one rule. Every student has a portal
// account of their own (STU.PU, student_account()) and every contact one that signs in as it
// (CON.PU, parent_account()); ssrlink_portal_link maps the latter, deleted contacts left out.
constexpr const char *district_sql = R"SQL(
INSERT INTO SCL (SC, NM, CDS) VALUES (1, 'Lincoln Elementary', '01611190130229'),
  (2, 'Other LEA Middle', '01611270130450');
INSERT INTO STU (ID, SC, SN, LN, FN, GR, CID, CL, DNR, HCI, TG, LD, DEL, PU) VALUES
  (1, 1, 1, 'Plain', 'Pat', 5, '1000000001', '01', '', '', '', NULL, '', 'student-1'),
  (2, 1, 2, 'Dnr', 'Dana', 5, '1000000022', '00', 'Y', '', '', NULL, '', 'student-2'),
  (3, 1, 3, 'Hidden', 'Hal', 5, '1000000023', '00', '', 'Y', '', NULL, '', 'student-3'),
  (4, 1, 4, 'Contact', 'Cy', 5, '1000000024', '00', '', '', '', NULL, '', 'student-4'),
  (5, 1, 5, 'Nossid', 'Noel', 5, '', '00', '', '', '', NULL, '', 'student-5'),
  (6, 1, 6, 'Nodata', 'Nia', 5, '1000000002', '00', '', '', '', NULL, '', 'student-6'),
  (7, 1, 7, 'Mismatch', 'Mo', 5, '1000000004', '00', '', '', '', NULL, '', 'student-7'),
  (8, 1, 8, 'Hostile', 'Hugo', 5, '1000000010', '00', '', '', '', NULL, '', 'student-8'),
  (9, 1, 9, 'Unknown', 'Uri', 5, '1000000007', '00', '', '', '', NULL, '', 'student-9'),
  (10, 1, 10, 'Internal', 'Ida', 5, '1000000005', '00', '', '', '', NULL, '', 'student-10'),
  (11, 2, 11, 'Other', 'Oli', 7, '1000000031', '00', '', '', '', NULL, '', 'student-11'),
  (12, 1, 12, 'Deleted', 'Del', 5, '1000000032', '00', '', '', '', NULL, '', 'student-12'),
  (13, 1, 13, 'Catalogue', 'Amira', 6, '1000000013', '11', '', '', '', NULL, '', 'student-13');
INSERT INTO CON (PID, SQ, LN, FN, EM, ED, CL, HCI, DEL, PU) VALUES
  (1, 1, 'Plain', 'Parent', 'p1@example.org', 'Y', '01', '', '', 'parent-1-1'),
  (2, 1, 'Dnr', 'Parent', 'p2@example.org', 'Y', '00', '', '', 'parent-2-1'),
  (3, 1, 'Hidden', 'Parent', 'p3@example.org', 'Y', '00', '', '', 'parent-3-1'),
  (4, 1, 'Contact', 'Hider', 'p4@example.org', 'Y', '00', 'Y', '', 'parent-4-1'),
  (4, 2, 'Contact', 'Open', 'p4b@example.org', 'Y', '00', '', '', 'parent-4-2'),
  (5, 1, 'Nossid', 'Parent', 'p5@example.org', 'Y', '00', '', '', 'parent-5-1'),
  (6, 1, 'Nodata', 'Parent', 'p6@example.org', 'Y', '00', '', '', 'parent-6-1'),
  (7, 1, 'Mismatch', 'Parent', 'p7@example.org', 'Y', '00', '', '', 'parent-7-1'),
  (8, 1, 'Hostile', 'Parent', 'p8@example.org', 'Y', '00', '', '', 'parent-8-1'),
  (9, 1, 'Unknown', 'Parent', 'p9@example.org', 'Y', '00', '', '', 'parent-9-1'),
  (10, 1, 'Internal', 'Parent', 'p10@example.org', 'Y', '00', '', '', 'parent-10-1'),
  (11, 1, 'Other', 'Parent', 'p11@example.org', 'Y', '00', '', '', 'parent-11-1'),
  (12, 1, 'Deleted', 'Parent', 'p12@example.org', 'Y', '00', '', 'Y', 'parent-12-1'),
  (13, 1, 'Catalogue', 'Parent', 'p13@example.org', 'Y', '11', '', '', 'parent-13-1');
)SQL";

// tools/fake-ets/fixtures/test.json, plus one SSID per student of the district who has the same
// reports as 1000000001 (every student has an SSID of their own, as in CALPADS).
std::string fixture() {
  auto json = boost::json::parse(
      read_file(fs::path(SSRLINK_SOURCE_DIR) / "tools/fake-ets/fixtures/test.json"));
  auto &students = json.as_object().at("students").as_object();
  const boost::json::value reports = students.at("1000000001");
  for (const char *ssid : {"1000000022", "1000000023", "1000000024", "1000000031", "1000000032"}) {
    students[ssid] = reports;
  }
  return boost::json::serialize(json);
}

class world_environment final : public ::testing::Environment {
 public:
  void SetUp() override { shared = new world(); }
  void TearDown() override {
    delete shared;
    shared = nullptr;
  }
};
[[maybe_unused]] ::testing::Environment *const registered =
    ::testing::AddGlobalTestEnvironment(new world_environment);

}  // namespace

std::string with_actor(const std::string &fields) {
  return std::string(R"({"actor": )") + admin_actor + (fields.empty() ? "" : ", " + fields) + "}";
}

std::string parent_account(std::int64_t student, int contact) {
  return "parent-" + std::to_string(student) + "-" + std::to_string(contact);
}

std::string student_account(std::int64_t student) {
  return "student-" + std::to_string(student);
}

std::int64_t host_now_ms(void *) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() +
         clock_offset_ms.load();
}

void record_log(void *, int32_t, const char *message, size_t length) {
  const std::lock_guard lock(log_mutex);
  log_store.emplace_back(message, length);
}

std::size_t progress_reports() {
  return progress_count.load();
}

std::vector<std::string> logged() {
  const std::lock_guard lock(log_mutex);
  return log_store;
}

world::world() {
  dir = fs::temp_directory_path() / ("ssrlink-e2e-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  database = dir / "district.db";
  cert_dir = dir / "cert";
  const fs::path sql = fs::path(SSRLINK_SOURCE_DIR) / "sql" / "sqlite";
  std::ofstream(dir / "district.sql")
      << read_file(sql / "reference-host.sql") << read_file(sql / "install.sql") << district_sql;
  run("sqlite3 '" + database.string() + "' < '" + (dir / "district.sql").string() + "'");

  ets::testing::make_cert(cert_dir);
  ets = std::make_unique<ets::testing::fake_ets_process>(dir, fixture(), cert_dir);

  ssrlink_host host{};
  host.struct_size = sizeof host;
  host.log = record_log;
  host.now_ms = host_now_ms;
  host.progress = count_progress;
  ssrlink_buffer *error = nullptr;
  const std::string config = config_json(ets->base_url());
  if (ssrlink_open(&host, config.c_str(), &plugin, &error) != SSRLINK_OK) {
    const std::string message = ssrlink_buffer_data(error);
    ssrlink_buffer_free(error);
    throw std::runtime_error("ssrlink_open: " + message);
  }
  put_credentials("district", district_user, district_secret);
  put_credentials("2", "school-user", "school-secret-key-0001");
}

void world::put_credentials(const std::string &scope, const std::string &user,
                            const std::string &secret, const std::string &expires_on) const {
  const answer a =
      call(ssrlink_credentials_put,
           with_actor(R"("scope": ")" + scope + R"(", "username": ")" + user +
                      R"(", "secret_key": ")" + secret + R"(")" +
                      (expires_on.empty() ? "" : R"(, "expires_on": ")" + expires_on + "\"")));
  if (a.status != SSRLINK_OK) {
    throw std::runtime_error("credentials_put: " + a.text);
  }
}

world::~world() {
  ssrlink_close(plugin);
  ets.reset();
  std::error_code ec;
  fs::remove_all(dir, ec);
}

std::string world::config_json(const std::string &base_url) const {
  boost::json::object ets_config{{"base_url", base_url},
                                 {"ca_file", (cert_dir / "ca.pem").string()},
                                 {"link_hosts", boost::json::array{"127.0.0.1"}},
                                 {"timeout_ms", 3000}};
  ssrlink::testing::add_test_wire_profile(ets_config);
  return boost::json::serialize(
      boost::json::object{{"odbc", "DRIVER=SQLite3;Database=" + database.string()},
                          {"seal_key_file", (dir / "seal.key").string()},
                          {"ets", std::move(ets_config)}});
}

answer world::call(decltype(&ssrlink_reports) capability, const std::string &request) const {
  ssrlink_buffer *out = nullptr;
  answer a;
  a.status = capability(plugin, request.c_str(), &out);
  a.text = ssrlink_buffer_data(out);
  ssrlink_buffer_free(out);
  if (!a.text.empty()) {
    a.json = boost::json::parse(a.text).as_object();
  }
  return a;
}

answer world::page(std::int64_t student, const std::string &viewer_json,
                   const std::string &extra) const {
  return call(ssrlink_reports, R"({"student_id": )" + std::to_string(student) + R"(, "viewer": )" +
                                   viewer_json + extra + "}");
}

std::string world::query(const std::string &sql) const {
  const fs::path out = dir / "query.out";
  run("sqlite3 '" + database.string() + "' \"" + sql + "\" > '" + out.string() + "'");
  std::string text = read_file(out);
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  return text;
}

std::int64_t world::ets_report_requests() const {
  return ets->control(cert_dir / "ca.pem", "stats")
      .as_object()
      .at("report_requests")
      .to_number<std::int64_t>();
}

}  // namespace ssrlink::e2e
