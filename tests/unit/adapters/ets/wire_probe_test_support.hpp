// What the probe's tests share (wire_probe_test.cpp, wire_probe_answers_test.cpp,
// wire_probe_redaction_test.cpp): the two profiles, answers built as JSON, and the one helper
// that joins every field of a step so a test can grep it for what must never be there.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ets/wire_probe.hpp"

namespace ssrlink::ets::wire::probe_test {

namespace json = boost::json;

inline constexpr std::string_view ssid = "1234567890";
inline const core::time_point now{std::chrono::milliseconds{1'700'000'000'000}};

// tests/support/wire_profiles/alternate.json: other names, nested answers, a form token request.
inline const profile &alternate() {
  static const profile p = [] {
    std::ifstream in(std::string(SSRLINK_TEST_WIRE_PROFILES_DIR) + "/alternate.json");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return parse_profile(text, "alternate.json");
  }();
  return p;
}

inline raw_answer answer(int status, std::string body,
                         std::string content_type = "application/json") {
  return raw_answer{status, {{"Content-Type", std::move(content_type)}}, std::move(body)};
}

inline core::ets_probe_step analyse(const profile &p, probe_step_kind kind, const raw_answer &a) {
  return analyse_answer(p, kind, "GET /x", a, ssid, now);
}

inline core::ets_probe_step analyse(const profile &p, probe_step_kind kind, int status,
                                    const std::string &body) {
  return analyse(p, kind, answer(status, body));
}

// Every field of a step in one string.
inline std::string everything(const core::ets_probe_step &s) {
  std::string out = s.name + "\n" + s.request + "\n" + std::to_string(s.http_status) + "\n" +
                    s.transport_failure + "\n" + s.first_mismatch + "\n" + s.verdict + "\n";
  for (const auto &h : s.headers) {
    out += h.name + ": " + h.value + "\n";
  }
  for (const auto *list : {&s.shape, &s.found, &s.missing, &s.unknown}) {
    for (const auto &line : *list) {
      out += line + "\n";
    }
  }
  return out;
}

inline bool contains(const std::vector<std::string> &lines, std::string_view line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// A complete report item of each profile, every field a string.
inline json::object default_item() {
  return json::parse(R"({"reportType":"SB","administrationYear":"2018-19","language":"ENG",
    "format":"PDF","url":"https://h/a","reportName":"Smarter Balanced","grade":"05",
    "subject":"ELA","status":"Final","expiresAt":"2030-01-01T00:00:00Z"})")
      .as_object();
}

inline json::object alternate_item() {
  return json::parse(R"({"downloadUrl":"https://h/a","fileFormat":"PDF","languageCode":"ENG",
    "testCode":"SB","schoolYear":"2018-19","testName":"Smarter Balanced","gradeLevel":"05",
    "subjectArea":"ELA","reportStatus":"Final","link":{"expiresAt":"2030-01-01T00:00:00Z"}})")
      .as_object();
}

inline std::string default_reports(const std::vector<json::object> &items) {
  json::array list(items.begin(), items.end());
  return json::serialize(json::object{{"ssid", ssid}, {"reports", std::move(list)}});
}

inline std::string alternate_reports(const std::vector<json::object> &items) {
  json::array list(items.begin(), items.end());
  return json::serialize(json::object{{"student", json::object{{"ssid", ssid}}},
                                      {"data", json::object{{"scoreReports", std::move(list)}}}});
}

}  // namespace ssrlink::ets::wire::probe_test
