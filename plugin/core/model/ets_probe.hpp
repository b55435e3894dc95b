// What the ETS probe saw (ssrlink_ets_probe): one token exchange and, when an SSID was given, one
// report request, each described so that a district can read it and send it to its vendor.
// Every text here is already redacted by the adapter that made it: field names, JSON types,
// array lengths, HTTP statuses and safe header values only — never an SSID, a name, a token, a
// secret or a link. The core renders it; it adds nothing from the answer.
#pragma once

#include <string>
#include <vector>

namespace ssrlink::core {

struct ets_probe_header {
  std::string name;  // as the server sent it (printable ASCII, at most 64 characters)
  std::string
      value;  // shown only for headers known to carry no secret, else "(N bytes, not shown)"
};

struct ets_probe_step {
  std::string name;     // "token" or "reports"
  std::string request;  // "POST /api/v1/token (json: username, secretKey)": no query, no value
  int http_status = 0;  // 0: no HTTP answer arrived
  std::string transport_failure;  // why there is no answer; "" when there is one
  std::vector<ets_probe_header> headers;
  // One line per place in the JSON answer: "data.scoreReports: array of 6",
  // "data.scoreReports[].downloadUrl: string (6 of 6)". Empty when the body is not JSON.
  std::vector<std::string> shape;
  std::vector<std::string> found;    // places the profile expects, present with the expected type
  std::vector<std::string> missing;  // places it expects, absent or of another type, and why
  std::vector<std::string> unknown;  // places present that the profile does not name
  std::string first_mismatch;        // where the answer first stopped matching; "" if it matched
  std::string verdict;               // what ssrlink makes of the answer, in one sentence
};

struct ets_probe_report {
  std::string profile_name;    // the wire profile's "name"
  std::string profile_source;  // "built-in" or the file named in ets.wire_profile
  std::vector<ets_probe_step> steps;

  // True when every step's answer had the shape the profile expects.
  bool matched() const {
    for (const auto &step : steps) {
      if (!step.first_mismatch.empty()) {
        return false;
      }
    }
    return !steps.empty();
  }
};

}  // namespace ssrlink::core
