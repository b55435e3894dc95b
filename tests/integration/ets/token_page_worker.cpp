// One host process as PHP-FPM runs it: opens the plugin with the configuration in argv[1],
// shows the page of student argv[2] to an admin, prints the page's outcome and exits. Used by
// shared_token_e2e_test to show that processes one after another share one ETS token.
#include <ssrlink/ssrlink.h>

#include <boost/json/parse.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: token_page_worker CONFIG_FILE STUDENT_ID\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream config;
  config << in.rdbuf();
  ssrlink_host host{};
  host.struct_size = sizeof host;
  ssrlink_plugin *plugin = nullptr;
  ssrlink_buffer *out = nullptr;
  if (ssrlink_open(&host, config.str().c_str(), &plugin, &out) != SSRLINK_OK) {
    std::fprintf(stderr, "ssrlink_open: %s\n", ssrlink_buffer_data(out));
    ssrlink_buffer_free(out);
    return 1;
  }
  const std::string request =
      std::string(R"({"student_id": )") + argv[2] +
      R"(, "viewer": {"role": "admin", "user_id": "worker", "permitted": true}})";
  const int status = ssrlink_reports(plugin, request.c_str(), &out);
  const std::string text = ssrlink_buffer_data(out);
  ssrlink_buffer_free(out);
  ssrlink_close(plugin);
  if (status != SSRLINK_OK) {
    std::fprintf(stderr, "ssrlink_reports: %s\n", text.c_str());
    return 1;
  }
  const auto outcome = boost::json::parse(text).as_object().at("outcome").as_string();
  std::printf("%s\n", outcome.c_str());
  return 0;
}
