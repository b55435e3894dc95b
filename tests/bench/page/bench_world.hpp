// The demo district for the page benchmarks, as tools/demo/run.sh builds it: SQLite (reference
// host tables, install.sql, demo-data.sql) read through the SQLite ODBC driver, or the same
// schema and rows in a throwaway PostgreSQL server read through psqlODBC (postgres_district.hpp);
// fake-ets serving tools/fake-ets/fixtures/demo.json over TLS on 127.0.0.1, and libssrlink
// opened through its C ABI with the demo district's credentials stored.
#pragma once

#include <ssrlink/ssrlink.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "ets/fake_ets_process.hpp"
#include "postgres_district.hpp"

namespace ssrlink::bench {

inline constexpr const char *demo_user = "demo-district";
inline constexpr const char *demo_secret = "DemoSecretKey-0123456789";

enum class backend { sqlite, postgres };

struct world_options {
  enum backend backend = backend::sqlite;
  // Appended to the ODBC connection string, e.g. "SyncPragma=NORMAL;JournalMode=WAL" for SQLite
  // (how durable each audit row's commit is).
  std::string odbc_extra;
  // PostgreSQL only: server options on top of the defaults (postgres_district.hpp), and whether
  // pg_stat_statements is loaded to count statements.
  std::string pg_options;
  bool count_statements = false;
};

class bench_world {
 public:
  explicit bench_world(const world_options &options);
  ~bench_world();
  bench_world(const bench_world &) = delete;
  bench_world &operator=(const bench_world &) = delete;

  // ssrlink_reports with `request_json`; returns the status and fills `text` with the answer.
  int reports(const std::string &request_json, std::string &text) const;

  // Moves the clock the plugin reads (the host's now_ms) by `offset` from the system clock; the
  // cold benchmark uses it to get past the 30-second refresh floor (docs/abi.md) without
  // waiting.
  void set_clock_offset(std::chrono::milliseconds offset) { clock_offset_ms_ = offset.count(); }

  std::string ets_base_url() const { return ets_->base_url(); }
  std::filesystem::path ca_file() const { return dir_ / "cert" / "ca.pem"; }
  const std::filesystem::path &dir() const { return dir_; }
  // The PostgreSQL district, or nullptr on SQLite.
  const postgres_district *postgres() const { return postgres_.get(); }

 private:
  // Builds the SQLite district file; returns its connection string.
  std::string make_sqlite_district() const;

  static std::int64_t now_ms(void *context);

  std::filesystem::path dir_;
  std::atomic<std::int64_t> clock_offset_ms_{0};
  std::unique_ptr<postgres_district> postgres_;
  std::unique_ptr<ets::testing::fake_ets_process> ets_;
  ssrlink_plugin *plugin_ = nullptr;
};

// An admin viewing student `student_id`'s test scores page; `refresh` bypasses the link cache.
std::string admin_request(long student_id, bool refresh = false);

}  // namespace ssrlink::bench
