// `fake-ets make-cert`: a throwaway CA and a server certificate for tests, made with the OpenSSL
// 3 C API (no shelling out to the openssl tool).
#pragma once

#include "cli_options.hpp"

namespace ssrlink::fake_ets {

// Writes DIR/ca.pem, DIR/ca.key, DIR/server.pem, DIR/server.key (keys mode 0600). The server
// certificate carries a subjectAltName for every name (IP or DNS) and is signed by the CA,
// unless options.self_signed: then it signs itself, so a client trusting ca.pem must reject it.
// Throws std::runtime_error naming the failing step.
void make_certificates(const make_cert_options &options);

}  // namespace ssrlink::fake_ets
