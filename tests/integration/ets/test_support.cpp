#include "test_support.hpp"

#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::ets::testing {

bool leaked_secret(const recording_logger &log) {
  for (const char *bad : {"s3cret", "supersede-secret", "not-the-secret", "X-Amz-Signature"}) {
    if (log.mentions(bad)) {
      return true;
    }
  }
  // The wire's own: the authorization prefix, the secret key's field, the SSID query.
  for (const std::string &bad : ssrlink::testing::test_wire_names().never_logged()) {
    if (log.mentions(bad)) {
      return true;
    }
  }
  return false;
}

std::string fixture_json() {
  const std::string report = R"({"reportType":"SB","reportName":"Smarter Balanced",
    "administrationYear":"2018-19","grade":"05","subject":"ALL","language":"ENG",
    "format":"PDF","status":"Final"})";
  const auto faulty = [&](const std::string &fault) {
    return R"({"fault":)" + fault + R"(,"reports":[)" + report + "]}";
  };
  const auto error = [](int status, const std::string &code) {
    return R"({"error":{"status":)" + std::to_string(status) + R"(,"errorCode":")" + code +
           R"(","message":"m"}})";
  };
  std::string s = R"({"token_lifetime_seconds":3600,"credentials":[
    {"username":"district-user","secret_key":"s3cret-key-20-chars!","superseded":false},
    {"username":"supersede-user","secret_key":"supersede-secret-0001","superseded":false}],
    "students":{)";
  const std::pair<std::string, std::string> students[] = {
      {ssid::reports, R"({"reports":[)" + report +
                          R"(,{"reportType":"CAST","reportName":"California Science Test",
        "administrationYear":"2018-19","grade":"05","subject":"SCI","language":"SPA",
        "format":"HTML","status":"Preliminary","extraField":{"a":1}}]})"},
      {ssid::no_test_data, error(404, "NO_TEST_DATA")},
      {ssid::empty_list, R"({"reports":[]})"},
      {ssid::enrollment_mismatch, error(403, "ENROLLMENT_MISMATCH")},
      {ssid::internal_error, error(500, "INTERNAL_ERROR")},
      {ssid::not_authorized, error(403, "NOT_AUTHORIZED")},
      {ssid::ssid_not_found, error(404, "SSID_NOT_FOUND")},
      {ssid::unknown_code, error(400, "SOMETHING_NEW")},
      {ssid::no_expires_at, R"({"reports":[{"reportType":"CAA","administrationYear":"2020-21",
        "language":"ENG","format":"PDF","omit_expires_at":true}]})"},
      {ssid::latency, faulty(R"({"kind":"latency","ms":20000})")},
      {ssid::stall_body, faulty(R"({"kind":"stall_body"})")},
      {ssid::reset, faulty(R"({"kind":"reset"})")},
      {ssid::reset_mid_body, faulty(R"({"kind":"reset_mid_body"})")},
      {ssid::status_503, faulty(R"({"kind":"status","status":503})")},
      {ssid::status_502_twice, faulty(R"({"kind":"status","status":502,"times":2})")},
      {ssid::status_504_once, faulty(R"({"kind":"status","status":504,"times":1})")},
      {ssid::rate_limited_once, faulty(R"({"kind":"rate_limited","retry_after":1,"times":1})")},
      {ssid::rate_limited_long, faulty(R"({"kind":"rate_limited","retry_after":30})")},
      {ssid::malformed_json, faulty(R"({"kind":"malformed_json"})")},
      {ssid::html_error, faulty(R"({"kind":"html_error","status":500})")},
      {ssid::huge_body, faulty(R"({"kind":"huge_body"})")},
      {ssid::token_expired_once, faulty(R"({"kind":"token_expired","times":1})")},
      {ssid::status_500, faulty(R"({"kind":"status","status":500,"errorCode":"INTERNAL_ERROR"})")},
      {ssid::many_items, faulty(R"({"kind":"many_items","count":200000})")},
      {ssid::slow_reports, faulty(R"({"kind":"latency","ms":1000})")},
      {ssid::wrong_ssid, faulty(R"({"kind":"wrong_ssid","answer_ssid":")" + ssid::reports + "\"}")},
      {ssid::no_ssid, faulty(R"({"kind":"no_ssid"})")},
      {ssid::trailing_bytes, faulty(R"({"kind":"trailing_bytes"})")},
      {ssid::status_504_then_ok, faulty(R"({"kind":"status","status":504,"times":1})")},
      {ssid::planted_later, faulty(R"({"kind":"trailing_bytes","ms":200})")},
  };
  bool first = true;
  for (const auto &[id, body] : students) {
    s += (first ? "\"" : ",\"") + id + "\":" + body;
    first = false;
  }
  s += "}}";
  return s;
}

test_server::test_server() {
  make_cert(dir.path() / "cert");
  ca_file = dir.path() / "cert" / "ca.pem";
  process = std::make_unique<fake_ets_process>(dir.path(), fixture_json(), dir.path() / "cert");
}

std::int64_t test_server::stat(const char *name) const {
  const auto v = stats();
  return v.as_object().at(name).to_number<std::int64_t>();
}

test_server &server() {
  static test_server instance;
  return instance;
}

core::ets_settings settings_for(const test_server &s, std::chrono::milliseconds timeout) {
  core::ets_settings settings;
  settings.base_url = s.process->base_url();
  settings.ca_file = s.ca_file.string();
  settings.timeout = timeout;
  settings.max_connections = 4;
  settings.wire_profile = ssrlink::testing::test_wire_profile();
  return settings;
}

}  // namespace ssrlink::ets::testing
