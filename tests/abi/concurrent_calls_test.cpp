// Many host threads share one plugin handle, as a web farm's request threads do: every call
// must come back with a status and its own message (no shared "last error"), and nothing may
// race (this test runs under ThreadSanitizer in tools/run-tests.sh).
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <ssrlink/ssrlink.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

struct library {
  void *handle = nullptr;
  decltype(&ssrlink_open) open = nullptr;
  decltype(&ssrlink_close) close = nullptr;
  decltype(&ssrlink_reports) reports = nullptr;
  decltype(&ssrlink_credentials_status) credentials_status = nullptr;
  decltype(&ssrlink_buffer_data) data = nullptr;
  decltype(&ssrlink_buffer_free) free = nullptr;

  template <class F>
  void bind(F &f, const char *name) {
    f = reinterpret_cast<F>(dlsym(handle, name));
    ASSERT_NE(f, nullptr) << name;
  }
};

std::atomic<int> log_calls{0};
void count_log(void *, int32_t, const char *, size_t) {
  log_calls.fetch_add(1);
}

TEST(ConcurrentCalls, OneHandleManyThreadsEachGetsItsOwnAnswer) {
  library lib;
  lib.handle = dlopen(SSRLINK_LIBRARY_PATH, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(lib.handle, nullptr) << dlerror();
  lib.bind(lib.open, "ssrlink_open");
  lib.bind(lib.close, "ssrlink_close");
  lib.bind(lib.reports, "ssrlink_reports");
  lib.bind(lib.credentials_status, "ssrlink_credentials_status");
  lib.bind(lib.data, "ssrlink_buffer_data");
  lib.bind(lib.free, "ssrlink_buffer_free");

  const auto dir = std::filesystem::temp_directory_path() / "ssrlink-abi-concurrency";
  std::filesystem::create_directories(dir);
  const std::string config = R"({"odbc": "DRIVER=SQLite3;Database=)" + (dir / "db").string() +
                             R"(", "seal_key_file": ")" + (dir / "seal.key").string() +
                             R"(", "ets": {"base_url": "https://127.0.0.1:9/api/v1",)"
                             R"( "link_hosts": ["127.0.0.1"], "timeout_ms": 300}})";
  ssrlink_host host{};
  host.struct_size = sizeof host;
  host.log = count_log;
  ssrlink_plugin *plugin = nullptr;
  ssrlink_buffer *error = nullptr;
  ASSERT_EQ(lib.open(&host, config.c_str(), &plugin, &error), SSRLINK_OK) << lib.data(error);

  constexpr int threads = 8;
  constexpr int calls = 200;
  std::atomic<int> wrong{0};
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < calls; ++i) {
        // Each thread asks something different; each answer must be about its own question.
        const std::string key = "typo_" + std::to_string(t) + "_" + std::to_string(i);
        // A misspelt key in an otherwise complete request: the answer must name this key.
        const std::string typo = ", \"" + key + "\": 1}";
        const std::string page_request =
            R"({"student_id": 1, "viewer": {"role": "admin", "user_id": "u", "permitted": true})" +
            typo;
        const std::string status_request = R"({"actor": {"role": "staff", "user_id": "clerk-)" +
                                           std::to_string(t) + R"("}, "scope": "district")" + typo;
        ssrlink_buffer *out = nullptr;
        const int status = (i % 2 == 0)
                               ? lib.reports(plugin, page_request.c_str(), &out)
                               : lib.credentials_status(plugin, status_request.c_str(), &out);
        const std::string text = lib.data(out);
        if (status != SSRLINK_INVALID_ARGUMENT || text.find("\"error\"") == std::string::npos ||
            text.find(key) == std::string::npos) {
          wrong.fetch_add(1);
        }
        lib.free(out);
      }
    });
  }
  for (auto &thread : pool) {
    thread.join();
  }
  lib.close(plugin);
  // No dlclose: see abi_host.c (the ODBC driver manager's allocations must stay attributable).
  std::filesystem::remove_all(dir);
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
