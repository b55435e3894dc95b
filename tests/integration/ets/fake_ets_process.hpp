// The real fake-ets server as a child process: certificates made by `fake-ets make-cert` in a
// temporary directory, `serve --port 0`, the port read back, SIGTERM and cleanup at the end. It
// serves the wire profile the suite runs under (SSRLINK_TEST_WIRE_PROFILE,
// tests/support/wire_profiles/test_wire_profile.hpp) unless given another. Control requests go
// through curl with the test CA, an HTTPS client independent of ours.
#pragma once

#include <sys/types.h>

#include <boost/json/value.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ssrlink::ets::testing {

// A temporary directory removed with everything in it.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir &) = delete;
  temp_dir &operator=(const temp_dir &) = delete;
  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `fake-ets make-cert --dir dir` plus `extra` arguments; throws on failure.
void make_cert(const std::filesystem::path &dir, const std::vector<std::string> &extra = {});

class fake_ets_process {
 public:
  // Serves `fixture_json` with the certificate in `cert_dir` (server.pem, server.key). `port` 0
  // picks a free one. `wire_profile` names the profile file to serve; absent, the one the suite
  // runs under (SSRLINK_TEST_WIRE_PROFILE, else the built-in one).
  fake_ets_process(const std::filesystem::path &work_dir, const std::string &fixture_json,
                   const std::filesystem::path &cert_dir, unsigned short port = 0,
                   const std::optional<std::filesystem::path> &wire_profile = std::nullopt);
  ~fake_ets_process();
  fake_ets_process(const fake_ets_process &) = delete;
  fake_ets_process &operator=(const fake_ets_process &) = delete;

  unsigned short port() const { return port_; }
  std::string base_url() const;

  // POST (when body given) or GET /_control/<what> with curl trusting `ca_file`.
  boost::json::value control(const std::filesystem::path &ca_file, const std::string &what,
                             const std::string &post_body = {}) const;

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

// A port nobody listens on (bound, read, closed).
unsigned short closed_port();

}  // namespace ssrlink::ets::testing
