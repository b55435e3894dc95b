// Routing and answers: turns one HTTP request into the reply the session delivers. Serves the ETS
// wire contract as the wire profile in force names it (the default: /api/v1/token,
// /api/v1/scorereports, docs/ets-protocol.md), the document links (/files/<id>) and the control
// endpoints (/_control/...), which no profile changes. Does no I/O itself.
#pragma once

#include <string>

#include "reply.hpp"
#include "server_state.hpp"
#include "wire_profile.hpp"

namespace ssrlink::fake_ets {

struct request_target;

class api_handler {
 public:
  // `origin` is "https://HOST:PORT", the prefix of every document link handed out. `profile`
  // must outlive the handler.
  api_handler(server_state &state, const wire_profile &profile, std::string origin);

  // Thread-safe; the reply's keep-alive flag and payload size are left to the session.
  reply handle(const request &req);

 private:
  reply token(const request &req);
  reply score_reports(const request &req, const request_target &target);
  reply reports_answer(const std::string &ssid);
  reply document(const request &req, const request_target &target);
  reply control(const request &req, const request_target &target);

  server_state &state_;
  const wire_profile &profile_;
  std::string origin_;
  std::string token_path_;    // /api/v1 + token.path
  std::string reports_path_;  // /api/v1 + reports.path
};

}  // namespace ssrlink::fake_ets
