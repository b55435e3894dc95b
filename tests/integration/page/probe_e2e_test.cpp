// The ETS probe (ssrlink_ets_probe) through the C ABI against fake-ets over real TLS: a report
// that matches the profile in force (the shared district), then a demo district of its own with
// a second fake-ets serving the alternate profile, read by plugins configured with another
// profile (one renamed field, the whole default) or the matching one, what the page shows then,
// a wire profile file refused at ssrlink_open naming the key, and every output grepped for the
// SSID, the secret, a token and a link.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

namespace fs = std::filesystem;

const fs::path profiles = fs::path(SSRLINK_SOURCE_DIR) / "tests" / "support" / "wire_profiles";
constexpr const char *plain_ssid = "1000000001";
// The demo district (sql/sqlite/demo-data.sql, tools/fake-ets/fixtures/demo.json): student 1010
// has SSID 2000000010 and 26 reports.
constexpr std::int64_t demo_student = 1010;
constexpr const char *demo_ssid = "2000000010";
constexpr const char *demo_secret = "DemoSecretKey-0123456789";

std::string read_text(const fs::path &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Nothing a probe's output may hold: the SSIDs asked for, the secrets, a link (fake-ets's links
// are https://127.0.0.1:PORT/files/ID?X-Amz-...), and a token (fake-ets issues 48 hex digits; no
// run of 16 may appear).
void expect_redacted(const std::string &output) {
  SCOPED_TRACE(output);
  EXPECT_EQ(output.find(plain_ssid), std::string::npos);
  EXPECT_EQ(output.find(demo_ssid), std::string::npos);
  EXPECT_EQ(output.find(district_secret), std::string::npos);
  EXPECT_EQ(output.find(demo_secret), std::string::npos);
  EXPECT_EQ(output.find("https://"), std::string::npos);
  EXPECT_EQ(output.find("/files/"), std::string::npos);
  EXPECT_EQ(output.find("X-Amz"), std::string::npos);
  EXPECT_FALSE(std::regex_search(output, std::regex("[0-9a-fA-F]{16}")));
}

// The demo district in a SQLite database of its own under `dir`, and a plugin handle on it with
// its own seal key and the demo TOMS pair stored, asking the ETS at `base_url` with the wire
// profile file `wire_profile` (none: the built-in one).
class probe_handle {
 public:
  probe_handle(const fs::path &dir, const std::string &base_url,
               const std::optional<fs::path> &wire_profile)
      : dir_(dir) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path database = dir / "demo.db";
    const fs::path sql = fs::path(SSRLINK_SOURCE_DIR) / "sql" / "sqlite";
    const std::string load =
        "cat '" + (sql / "reference-host.sql").string() + "' '" + (sql / "install.sql").string() +
        "' '" + (sql / "demo-data.sql").string() + "' | sqlite3 '" + database.string() + "'";
    if (std::system(load.c_str()) != 0) {
      throw std::runtime_error("could not create " + database.string());
    }
    boost::json::object ets{{"base_url", base_url},
                            {"ca_file", (shared->cert_dir / "ca.pem").string()},
                            {"link_hosts", boost::json::array{"127.0.0.1"}},
                            {"timeout_ms", 3000}};
    if (wire_profile) {
      ets["wire_profile"] = wire_profile->string();
    }
    const boost::json::object config{{"odbc", "DRIVER=SQLite3;Database=" + database.string()},
                                     {"seal_key_file", (dir / "seal.key").string()},
                                     {"ets", std::move(ets)}};
    ssrlink_host host{};
    host.struct_size = sizeof host;
    host.now_ms = host_now_ms;
    ssrlink_buffer *error = nullptr;
    status_ = ssrlink_open(&host, boost::json::serialize(config).c_str(), &plugin_, &error);
    if (error != nullptr) {
      const auto parsed = boost::json::parse(ssrlink_buffer_data(error));
      open_error_ = std::string(parsed.at("error").as_string());
    }
    ssrlink_buffer_free(error);
    if (status_ == SSRLINK_OK) {
      const answer put = call(ssrlink_credentials_put,
                              with_actor(R"("scope": "district", "username": "demo-district", )"
                                         R"("secret_key": ")" +
                                         std::string(demo_secret) + "\""));
      if (put.status != SSRLINK_OK) {
        throw std::runtime_error("credentials_put: " + put.text);
      }
    }
  }
  ~probe_handle() {
    ssrlink_close(plugin_);
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  probe_handle(const probe_handle &) = delete;
  probe_handle &operator=(const probe_handle &) = delete;

  int open_status() const { return status_; }
  const std::string &open_error() const { return open_error_; }

  answer call(decltype(&ssrlink_reports) capability, const std::string &request) const {
    ssrlink_buffer *out = nullptr;
    answer a;
    a.status = capability(plugin_, request.c_str(), &out);
    a.text = ssrlink_buffer_data(out);
    ssrlink_buffer_free(out);
    a.json = boost::json::parse(a.text).as_object();
    return a;
  }

 private:
  fs::path dir_;
  ssrlink_plugin *plugin_ = nullptr;
  int status_ = -1;
  std::string open_error_;
};

// fake-ets serving the demo district's reports in the alternate profile, whatever profile the
// suite runs under.
class alternate_ets {
 public:
  alternate_ets() {
    fs::create_directories(dir_);
    process_ = std::make_unique<ets::testing::fake_ets_process>(
        dir_, read_text(fs::path(SSRLINK_SOURCE_DIR) / "tools/fake-ets/fixtures/demo.json"),
        shared->cert_dir, 0, profiles / "alternate.json");
  }
  std::string base_url() const { return process_->base_url(); }

 private:
  fs::path dir_ = shared->dir / "alternate-ets";
  std::unique_ptr<ets::testing::fake_ets_process> process_;
};

const boost::json::object &step(const answer &a, std::size_t index) {
  return a.json.at("steps").as_array().at(index).as_object();
}

std::string probe_request(const std::string &ssid_field) {
  return with_actor(R"("scope": "district")" + ssid_field);
}

std::string demo_probe_request() {
  return probe_request(std::string(R"(, "ssid": ")") + demo_ssid + "\"");
}

std::string demo_page_request() {
  return R"({"student_id": )" + std::to_string(demo_student) +
         R"(, "refresh": true, "viewer": {"role": "admin", "user_id": "e2e-admin", )"
         R"("permitted": true}})";
}

const fs::path handle_dir =
    fs::temp_directory_path() / ("ssrlink-probe-" + std::to_string(::getpid()));

TEST(ProbeE2E, AMatchingEtsGivesAReportThatNamesNoValue) {
  const std::size_t logged_before = logged().size();
  const answer a = shared->call(ssrlink_ets_probe,
                                probe_request(std::string(R"(, "ssid": ")") + plain_ssid + "\""));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_TRUE(a.json.at("matched").as_bool()) << a.text;
  EXPECT_EQ(a.json.at("first_mismatch").as_string(), "");
  ASSERT_EQ(a.json.at("steps").as_array().size(), 2U);
  EXPECT_EQ(step(a, 0).at("name").as_string(), "token");
  EXPECT_EQ(step(a, 0).at("http_status").as_int64(), 200);
  EXPECT_EQ(step(a, 1).at("name").as_string(), "reports");
  EXPECT_EQ(step(a, 1).at("http_status").as_int64(), 200);
  // Six reports, each with every field the profile names.
  EXPECT_NE(step(a, 1).at("verdict").as_string().find("6 reports"), std::string::npos) << a.text;
  EXPECT_TRUE(step(a, 1).at("missing").as_array().empty()) << a.text;
  const std::string text(a.json.at("text").as_string());
  EXPECT_NE(text.find("Result: every answer matched the wire profile."), std::string::npos);
  expect_redacted(a.text);
  const auto lines = logged();
  ASSERT_GT(lines.size(), logged_before) << "the probe logs its verdict";
  for (std::size_t i = logged_before; i < lines.size(); ++i) {
    expect_redacted(lines[i]);
  }
  // Audited like every actor's call.
  EXPECT_GE(
      std::stoll(shared->query("SELECT COUNT(*) FROM ssrlink_audit WHERE action = 'ets_probe' AND "
                               "user_id = 'e2e-admin' AND outcome = 'ok';")),
      1);
}

TEST(ProbeE2E, WithoutAnSsidOnlyTheTokenIsAskedFor) {
  const std::int64_t before = shared->ets_report_requests();
  const answer a = shared->call(ssrlink_ets_probe, probe_request(""));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("steps").as_array().size(), 1U);
  EXPECT_TRUE(a.json.at("matched").as_bool()) << a.text;
  EXPECT_EQ(shared->ets_report_requests(), before);
}

TEST(ProbeE2E, AnErrorEtsMeantMatchesTheWire) {
  const answer a = shared->call(ssrlink_ets_probe, probe_request(R"(, "ssid": "1000000002")"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(step(a, 1).at("http_status").as_int64(), 404);
  EXPECT_TRUE(a.json.at("matched").as_bool()) << a.text;
  EXPECT_NE(step(a, 1).at("verdict").as_string().find("no_test_data"), std::string::npos) << a.text;
  EXPECT_EQ(a.text.find("1000000002"), std::string::npos);
}

TEST(ProbeE2E, BadRequestsAreRefusedAndAudited) {
  EXPECT_EQ(shared->call(ssrlink_ets_probe, probe_request(R"(, "ssid": "12345")")).status,
            SSRLINK_INVALID_ARGUMENT);
  EXPECT_EQ(shared->call(ssrlink_ets_probe, with_actor(R"("scope": "77")")).status,
            SSRLINK_NOT_FOUND);
  EXPECT_EQ(shared->call(ssrlink_ets_probe, R"({"scope": "district"})").status,
            SSRLINK_INVALID_ARGUMENT);  // no actor
  EXPECT_GE(
      std::stoll(shared->query("SELECT COUNT(*) FROM ssrlink_audit WHERE action = 'ets_probe' AND "
                               "outcome = 'not_found';")),
      1);
}

TEST(ProbeE2E, AProfileThatDiffersInOneFieldIsNamedAndThePageShowsTheGenericError) {
  const alternate_ets server;
  const probe_handle handle(handle_dir, server.base_url(), profiles / "mismatched.json");
  ASSERT_EQ(handle.open_status(), SSRLINK_OK) << handle.open_error();

  const answer a = handle.call(ssrlink_ets_probe, demo_probe_request());
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_FALSE(a.json.at("matched").as_bool());
  EXPECT_EQ(step(a, 0).at("first_mismatch").as_string(), "") << "the token step still matches";
  const std::string first(a.json.at("first_mismatch").as_string());
  EXPECT_EQ(first.rfind("reports: ", 0), 0U) << first;
  EXPECT_NE(first.find("data.scoreReports[].downloadLink"), std::string::npos) << first;
  // The field ETS does send is listed as present and unknown to the profile.
  EXPECT_NE(boost::json::serialize(step(a, 1).at("unknown")).find("downloadUrl"), std::string::npos)
      << a.text;
  expect_redacted(a.text);

  const answer page = handle.call(ssrlink_reports, demo_page_request());
  ASSERT_EQ(page.status, SSRLINK_OK) << page.text;
  EXPECT_EQ(page.json.at("outcome").as_string(), "ets_error") << page.text;
  EXPECT_EQ(page.json.at("message").as_string(), "There was an error while processing the request");
  EXPECT_TRUE(page.json.at("reports").as_array().empty());
}

TEST(ProbeE2E, TheDefaultProfileAgainstAnotherEtsStopsAtTheTokenStep) {
  const alternate_ets server;
  const probe_handle handle(handle_dir, server.base_url(), std::nullopt);
  ASSERT_EQ(handle.open_status(), SSRLINK_OK) << handle.open_error();
  const answer a = handle.call(ssrlink_ets_probe, demo_probe_request());
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_FALSE(a.json.at("matched").as_bool());
  ASSERT_EQ(a.json.at("steps").as_array().size(), 1U) << "no token, no report request";
  EXPECT_EQ(step(a, 0).at("http_status").as_int64(), 404);
  EXPECT_EQ(std::string(a.json.at("first_mismatch").as_string()).rfind("token: ", 0), 0U) << a.text;
  expect_redacted(a.text);
}

TEST(ProbeE2E, TheMatchingProfileFileReadsTheOtherEts) {
  const alternate_ets server;
  const probe_handle handle(handle_dir, server.base_url(), profiles / "alternate.json");
  ASSERT_EQ(handle.open_status(), SSRLINK_OK) << handle.open_error();
  const answer a = handle.call(ssrlink_ets_probe, demo_probe_request());
  EXPECT_TRUE(a.json.at("matched").as_bool()) << a.text;
  EXPECT_NE(std::string(step(a, 0).at("request").as_string()).find("form: grant_type"),
            std::string::npos)
      << a.text;
  expect_redacted(a.text);
  const answer page = handle.call(ssrlink_reports, demo_page_request());
  EXPECT_EQ(page.json.at("outcome").as_string(), "reports") << page.text;
  EXPECT_EQ(page.json.at("reports").as_array().size(), 26U) << page.text;
}

TEST(ProbeE2E, AProfileFileWithAMistakeIsRefusedAtOpenNamingTheKey) {
  auto document = boost::json::parse(read_text(profiles / "alternate.json"));
  document.as_object().at("reports").as_object().at("item").as_object().erase("format");
  const fs::path bad = shared->dir / "bad-profile.json";
  std::ofstream(bad) << boost::json::serialize(document);
  const probe_handle handle(handle_dir, "https://127.0.0.1:1/api/v1", bad);
  EXPECT_EQ(handle.open_status(), SSRLINK_CONFIG);
  EXPECT_NE(handle.open_error().find("\"ets.wire_profile\""), std::string::npos)
      << handle.open_error();
  EXPECT_NE(handle.open_error().find("\"reports.item.format\" is missing"), std::string::npos)
      << handle.open_error();
}

}  // namespace
}  // namespace ssrlink::e2e
