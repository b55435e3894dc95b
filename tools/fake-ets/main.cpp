// fake-ets: an HTTPS server that behaves like the ETS Student Score Report API, for tests, the
// demo and benchmarks. See README.md.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cert_maker.hpp"
#include "cli_options.hpp"
#include "server.hpp"

int main(int argc, char **argv) {
  namespace fe = ssrlink::fake_ets;
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    const fe::command command = fe::parse_command_line(args);
    if (std::holds_alternative<fe::help_request>(command)) {
      std::cout << fe::usage_text;
      return 0;
    }
    if (const auto *serve = std::get_if<fe::serve_options>(&command)) {
      return fe::run_server(*serve);
    }
    const auto &make_cert = std::get<fe::make_cert_options>(command);
    fe::make_certificates(make_cert);
    std::cout << "fake-ets wrote ca.pem, ca.key, server.pem, server.key to " << make_cert.dir
              << (make_cert.self_signed ? " (server certificate self-signed)" : "") << "\n";
    return 0;
  } catch (const fe::usage_error &e) {
    std::cerr << "fake-ets: " << e.what() << "\n" << fe::usage_text;
    return 2;
  } catch (const std::exception &e) {
    std::cerr << "fake-ets: " << e.what() << "\n";
    return 1;
  }
}
