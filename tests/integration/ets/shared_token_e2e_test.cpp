// ETS tokens shared across plugin handles and host processes through the database, end to end:
// libssrlink through its C ABI, the SQLite ODBC driver, and the real fake-ets over TLS. Each
// handle (and each worker process) has its own ETS client with an empty token cache, as a
// PHP-FPM request does; fake-ets counts the tokens it issues.
#include <gtest/gtest.h>
#include <ssrlink/ssrlink.h>
#include <unistd.h>

#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "crypto/aes_gcm_sealer.hpp"
#include "crypto/seal_key_file.hpp"
#include "doubles/recording_logger.hpp"
#include "fake_ets_process.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::ets::testing {
namespace {

namespace fs = std::filesystem;

// The on-disk format of a row (pinned here on purpose: a change would strand every shared row
// written by an older version): AES-GCM under the seal key, bound to this tag and the set id.
const std::string associated_data_prefix = "ssrlink ets token v1:";
const std::string admin = R"({"role": "admin", "user_id": "token-admin", "permitted": true})";
const std::string actor = R"({"role": "admin", "user_id": "token-admin"})";

std::string read_bytes(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string run_output(const std::string &command) {
  FILE *p = popen(command.c_str(), "r");
  if (p == nullptr) {
    throw std::runtime_error("cannot run: " + command);
  }
  std::string out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
    out.append(buf, n);
  }
  if (pclose(p) != 0) {
    throw std::runtime_error("command failed: " + command);
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The log of one handle.
struct handle_log {
  std::mutex mutex;
  std::vector<std::pair<int, std::string>> lines;

  bool mentions(const std::string &text) {
    const std::lock_guard lock(mutex);
    for (const auto &line : lines) {
      if (line.second.find(text) != std::string::npos) {
        return true;
      }
    }
    return false;
  }
  int count(int level, const std::string &text) {
    const std::lock_guard lock(mutex);
    int n = 0;
    for (const auto &line : lines) {
      n += line.first == level && line.second.find(text) != std::string::npos ? 1 : 0;
    }
    return n;
  }
};

void record(void *context, int32_t level, const char *message, size_t length) {
  auto *log = static_cast<handle_log *>(context);
  const std::lock_guard lock(log->mutex);
  log->lines.emplace_back(level, std::string(message, length));
}

// One plugin handle: what one host process (one PHP-FPM request) opens.
class handle {
 public:
  explicit handle(const std::string &config) {
    ssrlink_host host{};
    host.struct_size = sizeof host;
    host.context = &log;
    host.log = record;
    ssrlink_buffer *error = nullptr;
    if (ssrlink_open(&host, config.c_str(), &plugin_, &error) != SSRLINK_OK) {
      const std::string message = ssrlink_buffer_data(error);
      ssrlink_buffer_free(error);
      throw std::runtime_error("ssrlink_open: " + message);
    }
  }
  ~handle() { ssrlink_close(plugin_); }
  handle(const handle &) = delete;
  handle &operator=(const handle &) = delete;

  // The page of `student` for an admin; the outcome ("reports", "error", ...).
  std::string page(int student) {
    const std::string request =
        R"({"student_id": )" + std::to_string(student) + R"(, "viewer": )" + admin + "}";
    return call(ssrlink_reports, request).at("outcome").as_string().c_str();
  }
  boost::json::object call(decltype(&ssrlink_reports) capability, const std::string &request) {
    ssrlink_buffer *out = nullptr;
    const int status = capability(plugin_, request.c_str(), &out);
    const std::string text = ssrlink_buffer_data(out);
    ssrlink_buffer_free(out);
    if (status != SSRLINK_OK) {
      throw std::runtime_error("call failed (" + std::to_string(status) + "): " + text);
    }
    return boost::json::parse(text).as_object();
  }

  handle_log log;

 private:
  ssrlink_plugin *plugin_ = nullptr;
};

// A district in SQLite whose students all have reports at fake-ets, one district pair.
struct token_world {
  token_world() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    make_cert(dir / "cert");
    auto fixture = boost::json::parse(
        read_bytes(fs::path(SSRLINK_SOURCE_DIR) / "tools/fake-ets/fixtures/test.json"));
    auto &students = fixture.as_object().at("students").as_object();
    const boost::json::value reports = students.at("1000000001");
    std::string rows;
    for (int id = 1; id <= students_count; ++id) {
      const std::string ssid = "10000009" + std::string(id < 10 ? "0" : "") + std::to_string(id);
      students[ssid] = reports;
      rows += "INSERT INTO STU (ID, SC, SN, LN, FN, GR, CID, CL) VALUES (" + std::to_string(id) +
              ", 1, " + std::to_string(id) + ", 'Student', 'S', 5, '" + ssid + "', '00');\n";
    }
    ets = std::make_unique<fake_ets_process>(dir, boost::json::serialize(fixture), dir / "cert");
    const fs::path sql = fs::path(SSRLINK_SOURCE_DIR) / "sql" / "sqlite";
    std::ofstream(dir / "district.sql")
        << read_bytes(sql / "reference-host.sql") << read_bytes(sql / "install.sql")
        << "INSERT INTO SCL (SC, NM, CDS) VALUES (1, 'Lincoln', '01611190130229');\n"
        << rows;
    sqlite("", " < '" + (dir / "district.sql").string() + "'");
    handle setup(config());
    setup.call(
        ssrlink_credentials_put,
        R"({"actor": )" + actor +
            R"(, "scope": "district", "username": "district-user", "secret_key": "s3cret-key-20-chars!"})");
  }
  ~token_world() {
    ets.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  std::string config(const fs::path &db = {}) const {
    boost::json::object ets_config{{"base_url", ets->base_url()},
                                   {"ca_file", (dir / "cert" / "ca.pem").string()},
                                   {"link_hosts", boost::json::array{"127.0.0.1"}},
                                   {"timeout_ms", 5000}};
    ssrlink::testing::add_test_wire_profile(ets_config);  // the profile fake-ets serves
    return boost::json::serialize(boost::json::object{
        {"odbc", "DRIVER=SQLite3;Database=" + (db.empty() ? database : db).string()},
        {"seal_key_file", (dir / "seal.key").string()},
        {"ets", std::move(ets_config)}});
  }
  // Runs sqlite3 on the database with `sql` (one statement, no double quotes) and returns what
  // it printed; or, with `sql` empty, feeds it `redirect`.
  std::string sqlite(const std::string &sql, const std::string &redirect = "",
                     const fs::path &db = {}) const {
    const std::string file = (db.empty() ? database : db).string();
    return run_output("sqlite3 '" + file + "'" + (sql.empty() ? "" : " \"" + sql + "\"") +
                      redirect);
  }
  std::int64_t stat(const char *name) const {
    return ets->control(dir / "cert" / "ca.pem", "stats")
        .as_object()
        .at(name)
        .to_number<std::int64_t>();
  }
  // HTTP status of a report request made with `token`, by curl (not by ssrlink), in the wire
  // profile fake-ets serves.
  std::string status_with(const std::string &token) const {
    const auto &wire = ssrlink::testing::test_wire_names();
    return run_output("curl -sS -o /dev/null -w '%{http_code}' --max-time 10 --cacert '" +
                      (dir / "cert" / "ca.pem").string() + "' -H '" + wire.authorization(token) +
                      "' '" + ets->base_url() + wire.reports_target("1000000001") + "'");
  }
  // The row's set id and sealed token ("" when there is none).
  std::string set_id() const { return sqlite("SELECT set_id FROM ssrlink_ets_token"); }
  std::string sealed() const { return sqlite("SELECT sealed_token FROM ssrlink_ets_token"); }
  // The row's token opened with the plugin's own seal key, or nullopt.
  std::optional<std::string> opened_row() const {
    ssrlink::testing::recording_logger unread;  // what opening the key logs is not tested here
    const auto sealer = crypto::open_seal_key((dir / "seal.key").string(), unread);
    return sealer->open(sealed(), associated_data_prefix + set_id());
  }

  static constexpr int students_count = 40;
  const fs::path dir = fs::temp_directory_path() / ("ssrlink-token-" + std::to_string(::getpid()));
  const fs::path database = dir / "district.db";
  std::unique_ptr<fake_ets_process> ets;
};

token_world *world = nullptr;

class shared_token_e2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world = new token_world(); }
  static void TearDownTestSuite() {
    delete world;
    world = nullptr;
  }
  void SetUp() override {
    // Every test starts cold: no shared token, no cached report list (each page must reach
    // ETS), counters at zero. Each student is used by one page call only.
    world->sqlite("DELETE FROM ssrlink_ets_token");
    world->sqlite("DELETE FROM ssrlink_link_cache");
    world->ets->control(world->dir / "cert" / "ca.pem", "reset-stats", "{}");
  }
  static int next_student() { return ++students_used; }
  static inline int students_used = 0;
};

TEST_F(shared_token_e2e, two_handles_over_one_database_ask_ets_for_one_token) {
  handle first(world->config());
  ASSERT_EQ(first.page(next_student()), "reports");
  handle second(world->config());
  ASSERT_EQ(second.page(next_student()), "reports");
  ASSERT_EQ(second.page(next_student()), "reports");
  EXPECT_EQ(world->stat("report_requests"), 3) << "each page reached ETS";
  EXPECT_EQ(world->stat("token_requests"), 1);
  EXPECT_EQ(world->sqlite("SELECT COUNT(*) FROM ssrlink_ets_token"), "1");
}

TEST_F(shared_token_e2e, a_handle_without_the_table_asks_for_its_own_token) {
  // The control for the test above: the same two handles on a copy of the database at schema
  // version 3 (no ssrlink_ets_token) each fetch a token, and say which migration to run.
  const fs::path v3 = world->dir / "v3.db";
  world->sqlite(".backup '" + v3.string() + "'");
  world->sqlite("DROP TABLE ssrlink_ets_token", "", v3);
  world->sqlite("DELETE FROM ssrlink_schema_version WHERE version = 4", "", v3);
  handle first(world->config(v3));
  ASSERT_EQ(first.page(next_student()), "reports");
  handle second(world->config(v3));
  ASSERT_EQ(second.page(next_student()), "reports");
  EXPECT_EQ(world->stat("token_requests"), 2);
  EXPECT_EQ(first.log.count(SSRLINK_LOG_WARNING, "sql/sqlite/migrations/0004_ets_token.sql"), 1);
  EXPECT_TRUE(second.log.mentions("ETS tokens are not shared with other host processes"));
  fs::remove(v3);
}

TEST_F(shared_token_e2e, the_row_holds_the_token_sealed_never_in_clear) {
  handle first(world->config());
  ASSERT_EQ(first.page(next_student()), "reports");
  const std::string sealed = world->sealed();
  EXPECT_TRUE(sealed.starts_with("ssrseal1:")) << sealed;
  EXPECT_TRUE(world->set_id().starts_with("district:")) << world->set_id();
  const auto token = world->opened_row();
  ASSERT_TRUE(token.has_value()) << "the row opens with the plugin's seal key";
  // It is the token fake-ets issued: ETS accepts it from another client (curl).
  EXPECT_EQ(world->status_with(*token), "200");
  EXPECT_EQ(world->stat("token_requests"), 1);
  // No byte of the database (or its journal) holds it in clear, and no log line names it.
  for (const char *suffix : {"", "-wal", "-journal"}) {
    const fs::path file = world->database.string() + suffix;
    if (fs::exists(file)) {
      EXPECT_EQ(read_bytes(file).find(*token), std::string::npos) << file;
    }
  }
  EXPECT_FALSE(first.log.mentions(*token));
  EXPECT_EQ(sealed.find(*token), std::string::npos);
}

TEST_F(shared_token_e2e, a_row_sealed_under_another_key_is_ignored_and_replaced) {
  handle first(world->config());
  ASSERT_EQ(first.page(next_student()), "reports");
  const std::string set_id = world->set_id();
  const auto live = world->opened_row();
  ASSERT_TRUE(live.has_value());
  // The same live token, sealed under a key this plugin does not hold (a rotated-out key).
  std::array<unsigned char, crypto::seal_key_bytes> other_key{};
  other_key.fill(0x5a);
  const crypto::aes_gcm_sealer other(other_key);
  world->sqlite("UPDATE ssrlink_ets_token SET sealed_token = '" +
                other.seal(*live, associated_data_prefix + set_id) + "'");
  world->ets->control(world->dir / "cert" / "ca.pem", "reset-stats", "{}");
  handle second(world->config());
  ASSERT_EQ(second.page(next_student()), "reports");
  EXPECT_EQ(world->stat("token_requests"), 1) << "the row did not open: a token of its own";
  EXPECT_EQ(second.log.count(SSRLINK_LOG_INFO, "did not open with the current seal key"), 1);
  EXPECT_FALSE(second.log.mentions(*live));
  const auto replaced = world->opened_row();
  ASSERT_TRUE(replaced.has_value()) << "replaced under the plugin's key";
  EXPECT_NE(*replaced, *live);
  // And the replacement is shared from then on.
  handle third(world->config());
  ASSERT_EQ(third.page(next_student()), "reports");
  EXPECT_EQ(world->stat("token_requests"), 1);
}

TEST_F(shared_token_e2e, an_expired_row_or_one_about_to_expire_is_not_used) {
  handle first(world->config());
  ASSERT_EQ(first.page(next_student()), "reports");
  for (const std::int64_t left_ms : {-1000, 30'000}) {
    const auto before = world->opened_row();
    ASSERT_TRUE(before.has_value());
    // Still a live token at ETS; only the row says it has (almost) run out.
    world->sqlite("UPDATE ssrlink_ets_token SET expires_at = " +
                  std::to_string(now_ms() + left_ms));
    world->ets->control(world->dir / "cert" / "ca.pem", "reset-stats", "{}");
    handle next(world->config());
    ASSERT_EQ(next.page(next_student()), "reports");
    EXPECT_EQ(world->stat("token_requests"), 1) << left_ms;
    const auto after = world->opened_row();
    ASSERT_TRUE(after.has_value());
    EXPECT_NE(*after, *before) << left_ms;
    EXPECT_GT(std::stoll(world->sqlite("SELECT expires_at FROM ssrlink_ets_token")),
              now_ms() + 3'000'000);
  }
}

TEST_F(shared_token_e2e, a_shared_token_ets_refuses_is_replaced_for_everyone) {
  handle first(world->config());
  ASSERT_EQ(first.page(next_student()), "reports");
  const auto old_token = world->opened_row();
  world->ets->control(world->dir / "cert" / "ca.pem", "expire-tokens", "{}");
  world->ets->control(world->dir / "cert" / "ca.pem", "reset-stats", "{}");
  handle second(world->config());
  ASSERT_EQ(second.page(next_student()), "reports");  // adopted, refused, renewed, served
  EXPECT_EQ(world->stat("token_requests"), 1);
  EXPECT_EQ(world->stat("report_requests"), 2);
  const auto new_token = world->opened_row();
  ASSERT_TRUE(new_token.has_value());
  EXPECT_NE(new_token, old_token);
  handle third(world->config());
  ASSERT_EQ(third.page(next_student()), "reports");
  EXPECT_EQ(world->stat("token_requests"), 1);
  EXPECT_EQ(world->stat("report_requests"), 3);
}

TEST_F(shared_token_e2e, processes_one_after_another_ask_ets_for_one_token) {
  // PHP-FPM for real: each worker is a process that opens the plugin, shows one page, exits.
  const fs::path config_file = world->dir / "config.json";
  std::ofstream(config_file) << world->config();
  for (int i = 0; i < 4; ++i) {
    const std::string out =
        run_output(std::string(TOKEN_PAGE_WORKER_PATH) + " '" + config_file.string() + "' " +
                   std::to_string(next_student()));
    EXPECT_EQ(out, "reports") << "worker " << i;
  }
  EXPECT_EQ(world->stat("report_requests"), 4);
  EXPECT_EQ(world->stat("token_requests"), 1);
}

}  // namespace
}  // namespace ssrlink::ets::testing
