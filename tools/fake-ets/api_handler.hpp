// Routing and answers: turns one HTTP request into the reply the session delivers. Knows the
// ETS wire contract (docs/ets-protocol.md: /api/v1/token, /api/v1/scorereports), the document links
// (/files/<id>) and the control endpoints (/_control/...). Does no I/O itself.
#pragma once

#include <string>

#include "reply.hpp"
#include "server_state.hpp"

namespace ssrlink::fake_ets {

struct request_target;

class api_handler {
 public:
  // `origin` is "https://HOST:PORT", the prefix of every document link handed out.
  api_handler(server_state &state, std::string origin);

  // Thread-safe; the reply's keep-alive flag and payload size are left to the session.
  reply handle(const request &req);

 private:
  reply token(const request &req);
  reply score_reports(const request &req, const request_target &target);
  reply reports_answer(const std::string &ssid);
  reply document(const request &req, const request_target &target);
  reply control(const request &req, const request_target &target);

  server_state &state_;
  std::string origin_;
};

}  // namespace ssrlink::fake_ets
