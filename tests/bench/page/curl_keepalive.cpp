#include "curl_keepalive.hpp"

#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::bench {
namespace {

std::string run_capture(const std::string &command) {
  std::unique_ptr<FILE, int (*)(FILE *)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) {
    throw std::runtime_error("cannot run curl");
  }
  std::string out;
  char chunk[4096];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, pipe.get())) > 0) {
    out.append(chunk, n);
  }
  return out;
}

}  // namespace

std::string curl_token(const std::string &base_url, const std::filesystem::path &ca_file,
                       const std::string &username, const std::string &secret_key) {
  // The secret goes through a mode-0600-by-umask temporary file rather than the command line,
  // so it does not show in `ps`.
  const auto &wire = ssrlink::testing::test_wire_names();
  const auto request = wire.token_request(username, secret_key);
  const auto body_file = std::filesystem::temp_directory_path() /
                         ("ssrlink-bench-token-" + std::to_string(::getpid()) + ".body");
  std::ofstream(body_file) << request.body;
  const std::string text =
      run_capture("curl -s --fail --cacert '" + ca_file.string() +
                  "' -H 'Content-Type: " + request.content_type + "' --data-binary @'" +
                  body_file.string() + "' '" + base_url + wire.token_path + "'");
  std::filesystem::remove(body_file);
  return wire.token_in(boost::json::parse(text));
}

curl_run curl_reports(const std::string &base_url, const std::filesystem::path &ca_file,
                      const std::string &token, const std::vector<std::string> &ssids, int count,
                      const std::filesystem::path &work_dir) {
  const auto config = work_dir / "curl-reports.conf";
  {
    std::ofstream out(config);
    out << "silent\ncacert = \"" << ca_file.string() << "\"\n"
        << "header = \"" << ssrlink::testing::test_wire_names().authorization(token) << "\"\n"
        << "write-out = \"%{http_code} %{time_total}\\n\"\n";
    for (int i = 0; i < count; ++i) {
      out << "url = \"" << base_url
          << ssrlink::testing::test_wire_names().reports_target(
                 ssids[static_cast<std::size_t>(i) % ssids.size()])
          << "\"\noutput = \"/dev/null\"\n";
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string text = run_capture("curl --config '" + config.string() + "'");
  const auto wall = std::chrono::steady_clock::now() - start;
  std::filesystem::remove(config);

  curl_run result;
  std::istringstream lines(text);
  int code = 0;
  double seconds = 0;
  int seen = 0;
  while (lines >> code >> seconds) {
    if (code != 200) {
      throw std::runtime_error("curl got HTTP " + std::to_string(code));
    }
    if (seen++ > 0) {
      result.micros.push_back(seconds * 1e6);
    }
  }
  if (seen != count) {
    throw std::runtime_error("curl made " + std::to_string(seen) + " of " + std::to_string(count) +
                             " requests");
  }
  result.wall_us_per_request =
      std::chrono::duration<double, std::micro>(wall).count() / static_cast<double>(count);
  return result;
}

}  // namespace ssrlink::bench
