#include "bench_world.hpp"

#include <unistd.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::bench {
namespace fs = std::filesystem;
namespace {

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

// The answer's text, freeing the buffer; empty when the status is SSRLINK_OK.
std::string take_answer(int status, ssrlink_buffer *out, std::string &text) {
  text = out != nullptr ? ssrlink_buffer_data(out) : "";
  ssrlink_buffer_free(out);
  return status == SSRLINK_OK ? std::string() : text;
}

}  // namespace

std::string bench_world::make_sqlite_district() const {
  const fs::path sql = fs::path(SSRLINK_SOURCE_DIR) / "sql" / "sqlite";
  const fs::path database = dir_ / "district.db";
  std::ofstream(dir_ / "district.sql")
      << read_file(sql / "reference-host.sql") << read_file(sql / "install.sql")
      << read_file(sql / "demo-data.sql");
  run("sqlite3 '" + database.string() + "' < '" + (dir_ / "district.sql").string() + "'");
  return "DRIVER=SQLite3;Database=" + database.string();
}

bench_world::bench_world(const world_options &options) {
  // A directory of its own, so that two worlds can live in one process (bench_world_test).
  std::string dir_template = (fs::temp_directory_path() / "ssrlink-bench-XXXXXX").string();
  if (::mkdtemp(dir_template.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for the benchmark's directory");
  }
  dir_ = dir_template;
  std::string odbc;
  if (options.backend == backend::postgres) {
    postgres_ = std::make_unique<postgres_district>(options.pg_options, options.count_statements);
    odbc = postgres_->odbc_connection_string();  // ends with ';'
  } else {
    odbc = make_sqlite_district() + ";";
  }
  odbc += options.odbc_extra;

  ets::testing::make_cert(dir_ / "cert");
  ets_ = std::make_unique<ets::testing::fake_ets_process>(
      dir_, read_file(fs::path(SSRLINK_SOURCE_DIR) / "tools/fake-ets/fixtures/demo.json"),
      dir_ / "cert");

  ssrlink_host host{};
  host.struct_size = sizeof host;
  host.context = this;
  host.now_ms = &bench_world::now_ms;
  boost::json::object ets_config{{"base_url", ets_->base_url()},
                                 {"ca_file", ca_file().string()},
                                 {"link_hosts", boost::json::array{"127.0.0.1"}},
                                 {"timeout_ms", 5000}};
  ssrlink::testing::add_test_wire_profile(ets_config);  // the profile fake-ets serves
  const std::string config =
      boost::json::serialize(boost::json::object{{"odbc", odbc},
                                                 {"seal_key_file", (dir_ / "seal.key").string()},
                                                 {"ets", std::move(ets_config)}});
  ssrlink_buffer *error = nullptr;
  if (ssrlink_open(&host, config.c_str(), &plugin_, &error) != SSRLINK_OK) {
    std::string text;
    take_answer(SSRLINK_CONFIG, error, text);
    throw std::runtime_error("ssrlink_open: " + text);
  }
  const std::string put =
      std::string(R"({"actor": {"role": "system", "user_id": "bench"}, "scope": "district", )") +
      R"("username": ")" + demo_user + R"(", "secret_key": ")" + demo_secret + R"("})";
  ssrlink_buffer *out = nullptr;
  std::string text;
  if (const std::string failed =
          take_answer(ssrlink_credentials_put(plugin_, put.c_str(), &out), out, text);
      !failed.empty()) {
    throw std::runtime_error("ssrlink_credentials_put: " + failed);
  }
}

bench_world::~bench_world() {
  ssrlink_close(plugin_);
  ets_.reset();
  postgres_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::int64_t bench_world::now_ms(void *context) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return now.count() + static_cast<const bench_world *>(context)->clock_offset_ms_.load();
}

int bench_world::reports(const std::string &request_json, std::string &text) const {
  ssrlink_buffer *out = nullptr;
  const int status = ssrlink_reports(plugin_, request_json.c_str(), &out);
  take_answer(status, out, text);
  return status;
}

std::string admin_request(long student_id, bool refresh) {
  return R"({"student_id": )" + std::to_string(student_id) +
         R"(, "viewer": {"role": "admin", "user_id": "bench-admin", "permitted": true}, "refresh": )" +
         (refresh ? "true" : "false") + "}";
}

}  // namespace ssrlink::bench
