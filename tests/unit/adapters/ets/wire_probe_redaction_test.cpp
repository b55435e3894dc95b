// The probe's rule 8 (wire_probe.cpp): hostile answers. An SSID, a student's name, a token and a
// signed link are planted as values, as numbers, as member names, in headers, in error messages
// and codes, in HTML, for both profiles, both steps and several statuses; none of them may reach
// any field of the result.
#include "wire_probe_test_support.hpp"

namespace ssrlink::ets::wire::probe_test {
namespace {

const std::string name = "Maria Lopez";
const std::string token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";
const std::string link = "https://x.example/f?X-Amz-Signature=abc";
const std::string other_ssid = "9876543210";

// What must never appear, whole or in part.
const std::vector<std::string> needles = {std::string(ssid), other_ssid, "Maria",    "Lopez",
                                          "eyJhbGciOi",      "c2VjcmV0", "c2lnbmF0", "x.example",
                                          "X-Amz",           "Signature"};

void expect_redacted(const core::ets_probe_step &step, const std::string &what) {
  const std::string all = everything(step);
  for (const std::string &needle : needles) {
    EXPECT_EQ(all.find(needle), std::string::npos) << needle << " leaked from " << what << ":\n"
                                                   << all;
  }
}

std::string q(const std::string &text) {
  return json::serialize(json::value(text));
}

// The hostile bodies, by what they plant where.
std::vector<std::string> hostile_bodies() {
  const std::string values =
      R"({"token":)" + q(token) + R"(,"access_token":)" + q(token) + R"(,"expiresIn":)" +
      std::string(ssid) + R"(,"ssid":)" + q(std::string(ssid)) + R"(,"name":)" + q(name) +
      R"(,"url":)" + q(link) + R"(,"errorCode":)" + q(other_ssid) + R"(,"message":)" +
      q("Student " + std::string(ssid) + " " + name + " " + link) + R"(,"error":{"code":)" +
      q(token) + R"(,"description":)" + q(name) + "}}";
  const std::string numbers =
      R"({"ssid":1234567890,"student":{"ssid":9876543210},"reports":[1234567890,9876543210.5],
          "expiresIn":1234567890,"errorCode":9876543210,"data":{"scoreReports":[1234567890]}})";
  const std::string members = "{" + q(std::string(ssid)) + ":{" + q(name) + ":{" + q(link) + ":1," +
                              q(token) + ":2}}," + R"("reports":[{)" + q(other_ssid) +
                              R"(:"x"}],"data":{"scoreReports":[{)" + q(name) + ":" + q(link) +
                              "}]}," + R"("errorCode":{)" + q(token) + ":1}}";
  json::object planted_default = default_item();
  planted_default["url"] = link;
  planted_default["reportName"] = name;
  planted_default["grade"] = 1234567890;
  planted_default["subject"] = token;
  json::object planted_alternate = alternate_item();
  planted_alternate["downloadUrl"] = link;
  planted_alternate["testName"] = name;
  planted_alternate["gradeLevel"] = other_ssid;
  planted_alternate["link"] = json::object{{"expiresAt", token}};
  std::vector<std::string> out = {values, numbers, members,
                                  default_reports({planted_default, default_item()}),
                                  alternate_reports({planted_alternate, alternate_item()})};
  // Error answers: known codes with the secrets in the message, and the secrets as codes.
  for (const std::string &code : {std::string("NOT_AUTHORIZED"), std::string("UNKNOWN_STUDENT"),
                                  std::string(ssid), token, link, name}) {
    const std::string message = q("SSID " + std::string(ssid) + " of " + name + ", see " + link);
    out.push_back(R"({"errorCode":)" + q(code) + R"(,"message":)" + message + "}");
    out.push_back(R"({"error":{"code":)" + q(code) + R"(,"description":)" + message + "}}");
  }
  out.push_back("<html><body>" + std::string(ssid) + " " + name + " " + link + " " + token +
                "</body></html>");
  out.push_back(R"({"token":)" + q(token) + R"(,"ssid":)" + q(std::string(ssid)));  // cut short
  return out;
}

raw_answer hostile_answer(int status, std::string body) {
  raw_answer a = answer(status, std::move(body));
  a.headers.insert(a.headers.end(), {{"Set-Cookie", "session=" + token + "; Secure"},
                                     {"Location", link},
                                     {"X-Request-Id", std::string(ssid)},
                                     {"X-Student", name},
                                     {"WWW-Authenticate", token + " realm=x"},
                                     {"Authorization", "Bearer " + token}});
  return a;
}

TEST(wire_probe_redaction, the_grep_sees_every_field_of_a_step) {
  // The helper the other tests rely on must look at every field: a leak in any is caught.
  const auto leaky = [](auto plant) {
    core::ets_probe_step step;
    plant(step);
    return everything(step).find("SECRET") != std::string::npos;
  };
  EXPECT_TRUE(leaky([](auto &s) { s.name = "SECRET"; }));
  EXPECT_TRUE(leaky([](auto &s) { s.request = "SECRET"; }));
  EXPECT_TRUE(leaky([](auto &s) { s.transport_failure = "SECRET"; }));
  EXPECT_TRUE(leaky([](auto &s) { s.headers.push_back({"SECRET", ""}); }));
  EXPECT_TRUE(leaky([](auto &s) { s.headers.push_back({"", "SECRET"}); }));
  EXPECT_TRUE(leaky([](auto &s) { s.shape.push_back("SECRET"); }));
  EXPECT_TRUE(leaky([](auto &s) { s.found.push_back("SECRET"); }));
  EXPECT_TRUE(leaky([](auto &s) { s.missing.push_back("SECRET"); }));
  EXPECT_TRUE(leaky([](auto &s) { s.unknown.push_back("SECRET"); }));
  EXPECT_TRUE(leaky([](auto &s) { s.first_mismatch = "SECRET"; }));
  EXPECT_TRUE(leaky([](auto &s) { s.verdict = "SECRET"; }));
}

TEST(wire_probe_redaction, nothing_planted_in_a_hostile_answer_reaches_the_result) {
  std::size_t steps = 0;
  for (const profile *p : {&default_profile(), &alternate()}) {
    const std::string token_line = describe_request(
        *p, probe_step_kind::token,
        token_request(*p, "/api", core::ets_credentials{"district", name, token, "set-1"}));
    const std::string reports_line =
        describe_request(*p, probe_step_kind::reports, reports_request(*p, "/api", ssid, token));
    for (const auto &[kind, line] : {std::pair{probe_step_kind::token, token_line},
                                     std::pair{probe_step_kind::reports, reports_line}}) {
      for (const int status : {200, 400, 401, 404, 429, 500}) {
        for (const std::string &body : hostile_bodies()) {
          const auto step = analyse_answer(*p, kind, line, hostile_answer(status, body), ssid, now);
          expect_redacted(step, p->name + ", HTTP " + std::to_string(status) + ", " + body);
          ++steps;
        }
      }
    }
  }
  EXPECT_EQ(steps, hostile_bodies().size() * 2 * 2 * 6);  // profiles, steps, statuses
}

TEST(wire_probe_redaction, the_hostile_answers_are_read_not_skipped) {
  // The redaction test above proves nothing if the answers were never read: these are.
  const auto reports_step = analyse_answer(alternate(), probe_step_kind::reports, "GET /x",
                                           hostile_answer(200, hostile_bodies()[4]), ssid, now);
  // The planted token where the link's expiry belongs is counted, not shown.
  item_counts counts;
  counts.received = 2;
  counts.kept = 2;
  counts.unreadable_expiry = 1;
  EXPECT_EQ(reports_step.verdict, "2 reports kept of 2 items: " + describe(alternate(), counts));
  EXPECT_FALSE(reports_step.shape.empty());
  EXPECT_EQ(reports_step.first_mismatch, "");
  EXPECT_EQ(reports_step.headers.size(), 7u);

  const auto members = analyse_answer(default_profile(), probe_step_kind::token, "POST /x",
                                      hostile_answer(200, hostile_bodies()[2]), ssid, now);
  EXPECT_TRUE(contains(members.shape,
                       "(name withheld).(name withheld).(name withheld): number "
                       "(2 members)"));
  EXPECT_TRUE(contains(members.shape, "reports[].(name withheld): string (1 of 1)"));

  const auto known = analyse_answer(default_profile(), probe_step_kind::reports, "GET /x",
                                    hostile_answer(403, hostile_bodies()[5]), ssid, now);
  EXPECT_EQ(known.verdict, "no reports: not_authorized / answered (code NOT_AUTHORIZED)");
}

}  // namespace
}  // namespace ssrlink::ets::wire::probe_test
