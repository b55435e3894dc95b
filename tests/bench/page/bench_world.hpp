// The demo district for the page benchmarks, as tools/demo/run.sh builds it: SQLite (reference
// host tables, install.sql, demo-data.sql) read through the SQLite ODBC driver, fake-ets serving
// tools/fake-ets/fixtures/demo.json over TLS on 127.0.0.1, and libssrlink opened through its C
// ABI with the demo district's credentials stored.
#pragma once

#include <ssrlink/ssrlink.h>

#include <filesystem>
#include <memory>
#include <string>

#include "ets/fake_ets_process.hpp"

namespace ssrlink::bench {

inline constexpr const char *demo_user = "demo-district";
inline constexpr const char *demo_secret = "DemoSecretKey-0123456789";

class bench_world {
 public:
  // `odbc_extra` is appended to the SQLite ODBC connection string, e.g.
  // "SyncPragma=NORMAL;JournalMode=WAL" (how durable each audit row's commit is).
  explicit bench_world(const std::string &odbc_extra = "");
  ~bench_world();
  bench_world(const bench_world &) = delete;
  bench_world &operator=(const bench_world &) = delete;

  // ssrlink_reports with `request_json`; returns the status and fills `text` with the answer.
  int reports(const std::string &request_json, std::string &text) const;

  std::string ets_base_url() const { return ets_->base_url(); }
  std::filesystem::path ca_file() const { return dir_ / "cert" / "ca.pem"; }
  const std::filesystem::path &dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<ets::testing::fake_ets_process> ets_;
  ssrlink_plugin *plugin_ = nullptr;
};

// An admin viewing student `student_id`'s test scores page; `refresh` bypasses the link cache.
std::string admin_request(long student_id, bool refresh = false);

}  // namespace ssrlink::bench
