// `fake-ets serve`: loads the fixture and the certificate, listens, announces the port, and
// serves until SIGTERM or SIGINT.
#pragma once

#include "cli_options.hpp"

namespace ssrlink::fake_ets {

// Returns the process exit code. Throws std::runtime_error for a bad fixture, certificate or
// address (main reports it).
int run_server(const serve_options &options);

}  // namespace ssrlink::fake_ets
