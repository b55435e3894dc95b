// The probe's reading of one ETS answer (ssrlink_ets_probe, docs/ets-protocol.md "Your first day
// with real credentials"): what the answer looks like and where it stops matching the wire
// profile, with every value redacted. Pure — no I/O, no clock, no logging — so the redaction is
// unit-tested against hostile answers, and the same code reads the fake ETS and the real one.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/ets_probe.hpp"
#include "core/time.hpp"
#include "wire.hpp"
#include "wire_profile.hpp"

namespace ssrlink::ets::wire {

enum class probe_step_kind { token, reports };

// What came back for one probe step, before anything is redacted. It holds secrets (a token in
// the body, signed links): never logged, never copied into a result; analyse_answer is its only
// reader.
struct raw_answer {
  int status = 0;                                            // 0: no HTTP answer arrived (rule 3)
  std::vector<std::pair<std::string, std::string>> headers;  // in the order received
  std::string body;
};

// The request as the report shows it: method, the target without its query string, and the
// names (never the values) of what it carries, e.g.
//   "POST /api/v1/oauth2/token (form: grant_type, client_id, client_secret)"
//   "GET /api/v1/students/score-reports (query: studentId; header: X-ETS-Authorization)"
std::string describe_request(const profile &p, probe_step_kind kind, const request_spec &request);

// One step's answer, read against `p` (see wire_probe.cpp's rules, in order, for what each field
// of the result holds; wire_probe_shape.cpp, wire_probe_expect.cpp and wire_probe_verdict.cpp
// hold rules 4, 5 and 7). `ssid_asked` is used only to run the plugin's own parser for the
// verdict (which says when the answer names another SSID, never which); it never appears in the
// result, nor does any other value of the answer. `request_line` is describe_request's.
core::ets_probe_step analyse_answer(const profile &p, probe_step_kind kind,
                                    std::string request_line, const raw_answer &answer,
                                    std::string_view ssid_asked, core::time_point now);

}  // namespace ssrlink::ets::wire
