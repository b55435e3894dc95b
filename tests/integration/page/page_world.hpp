// One district for the end-to-end tests: a SQLite database (reference host tables, install.sql
// and the students below) read through the SQLite ODBC driver, fake-ets serving
// tools/fake-ets/fixtures/test.json over TLS, and libssrlink opened through its C ABI with a
// host clock the tests can move.
#pragma once

#include <ssrlink/ssrlink.h>

#include <atomic>
#include <boost/json/object.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ets/fake_ets_process.hpp"

namespace ssrlink::e2e {

// Students of the test district (STU.ID), each with contact 1 holding educational rights. Every
// student and every contact has a portal account named by student_account / parent_account.
enum student : std::int64_t {
  plain = 1,             // SSID 1000000001: six reports
  dnr = 2,               // Do Not Release Records
  hidden = 3,            // Hide Contact Info on the student
  contact_hidden = 4,    // contact 1 hides contact info; contact 2 does not
  no_ssid = 5,           // STU.CID empty
  no_data = 6,           // ETS: NO_TEST_DATA
  mismatch = 7,          // ETS: ENROLLMENT_MISMATCH
  hostile = 8,           // ETS: markup, javascript: and data: URLs, unknown codes
  unknown_ssid = 9,      // ETS: SSID_NOT_FOUND
  ets_internal = 10,     // ETS: INTERNAL_ERROR
  other_school = 11,     // school 2, which has its own credentials
  deleted_contact = 12,  // contact 1 is deleted
  catalogue = 13,        // ETS: Arabic, Lexile/Quantile, video and TK reports (CL 11 Arabic)
};

inline constexpr const char *district_user = "district-user";
inline constexpr const char *district_secret = "s3cret-key-20-chars!";

// The actor of every call other than a page view.
inline constexpr const char *admin_actor = R"({"role": "admin", "user_id": "e2e-admin"})";
// A request object naming admin_actor: with_actor(R"("scope": "district")") gives
// {"actor": {...}, "scope": "district"}; with_actor() gives {"actor": {...}}.
std::string with_actor(const std::string &fields = "");

// The portal accounts of the test data: CON.PU of contact `contact` of `student`
// ("parent-1-1"), and STU.PU of `student` ("student-1").
std::string parent_account(std::int64_t student, int contact);
std::string student_account(std::int64_t student);

struct answer {
  int status = -1;
  boost::json::object json;
  std::string text;
};

class world {
 public:
  world();
  ~world();
  world(const world &) = delete;
  world &operator=(const world &) = delete;

  // Calls a capability of the shared plugin with `request` (JSON text).
  answer call(decltype(&ssrlink_reports) capability, const std::string &request) const;
  answer page(std::int64_t student, const std::string &viewer_json,
              const std::string &extra = "") const;
  // `SELECT` through the sqlite3 command line (the host's view of its own database).
  std::string query(const std::string &sql) const;
  std::int64_t ets_report_requests() const;
  void put_credentials(const std::string &scope, const std::string &user, const std::string &secret,
                       const std::string &expires_on = "") const;
  std::string config_json(const std::string &base_url) const;

  std::filesystem::path dir;
  std::filesystem::path database;
  std::filesystem::path cert_dir;
  std::unique_ptr<ets::testing::fake_ets_process> ets;
  ssrlink_plugin *plugin = nullptr;
  std::vector<std::string> log_lines;  // every line the library logged (guarded by log_mutex)
};

extern world *shared;

// The host clock: real time plus an offset the tests move.
extern std::atomic<std::int64_t> clock_offset_ms;
std::int64_t host_now_ms(void *);
void record_log(void *context, int32_t level, const char *message, size_t length);
std::vector<std::string> logged();
// How many progress reports the host has received so far.
std::size_t progress_reports();

}  // namespace ssrlink::e2e
