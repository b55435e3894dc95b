// The probe's reading of an answer (wire_probe.cpp), rules 5 to 7: what the profile expected and
// found, where the answer stopped matching, and what the plugin makes of it; with the built-in
// profile and the alternate one, golden answers and broken ones.
#include "wire_probe_test_support.hpp"

namespace ssrlink::ets::wire::probe_test {
namespace {

using lines = std::vector<std::string>;
constexpr auto token = probe_step_kind::token;
constexpr auto reports = probe_step_kind::reports;

// Rule 5 and 6, golden answers.
TEST(wire_probe, golden_token_answers_match_on_both_profiles) {
  const auto on_default =
      analyse(default_profile(), token, 200, R"({"token":"abc","expiresIn":1800})");
  EXPECT_EQ(on_default.found, (lines{"token (token)", "expiresIn (expires_in)"}));
  EXPECT_TRUE(on_default.missing.empty() && on_default.unknown.empty());
  EXPECT_EQ(on_default.first_mismatch, "");
  EXPECT_EQ(on_default.verdict, "a usable token (lifetime 1800 s)");

  const auto on_alternate = analyse(
      alternate(), token, 200, R"({"access_token":"abc","token_type":"Bearer","expires_in":3600})");
  EXPECT_EQ(on_alternate.found, (lines{"access_token (token)", "expires_in (expires_in)"}));
  EXPECT_EQ(on_alternate.unknown, (lines{"token_type"}));  // unknown, yet it matched
  EXPECT_EQ(on_alternate.first_mismatch, "");
  EXPECT_EQ(on_alternate.verdict, "a usable token (lifetime 3600 s)");
}

TEST(wire_probe, golden_report_answers_match_on_both_profiles) {
  const auto on_default =
      analyse(default_profile(), reports, 200, default_reports({default_item(), default_item()}));
  EXPECT_EQ(on_default.found.size(), 12u);
  EXPECT_TRUE(contains(on_default.found, "reports[].url (url)"));
  EXPECT_TRUE(contains(on_default.found, "reports[].administrationYear (year)"));
  EXPECT_TRUE(on_default.missing.empty() && on_default.unknown.empty());
  EXPECT_EQ(on_default.first_mismatch, "");
  EXPECT_EQ(on_default.verdict, "2 reports kept of 2 items");

  const auto on_alternate =
      analyse(alternate(), reports, 200, alternate_reports({alternate_item()}));
  EXPECT_EQ(
      on_alternate.found,
      (lines{"student.ssid (ssid)", "data.scoreReports (reports)",
             "data.scoreReports[].downloadUrl (url)", "data.scoreReports[].fileFormat (format)",
             "data.scoreReports[].languageCode (language)",
             "data.scoreReports[].testCode (report_type)", "data.scoreReports[].schoolYear (year)",
             "data.scoreReports[].testName (report_name)", "data.scoreReports[].gradeLevel (grade)",
             "data.scoreReports[].subjectArea (subject)",
             "data.scoreReports[].reportStatus (status)",
             "data.scoreReports[].link.expiresAt (expires_at)"}));
  EXPECT_TRUE(on_alternate.missing.empty() && on_alternate.unknown.empty());
  EXPECT_EQ(on_alternate.first_mismatch, "");
  EXPECT_EQ(on_alternate.verdict, "1 report kept of 1 item");
}

// Rule 5 and 6, answers that stopped matching.
TEST(wire_probe, a_renamed_item_field_is_named_missing_and_its_new_name_unknown) {
  json::object renamed = alternate_item();
  renamed["url"] = renamed["downloadUrl"];
  renamed.erase("downloadUrl");
  const auto step = analyse(alternate(), reports, 200, alternate_reports({renamed, renamed}));
  EXPECT_EQ(step.missing,
            (lines{"data.scoreReports[].downloadUrl (url): absent from all 2 items"}));
  EXPECT_EQ(step.unknown, (lines{"data.scoreReports[].url"}));
  EXPECT_EQ(step.first_mismatch, "data.scoreReports[].downloadUrl (url): absent from all 2 items");
  EXPECT_EQ(step.verdict,
            "no reports: processing_error / bad_response: no usable report among 2 items");
}

TEST(wire_probe, a_renamed_token_or_array_is_the_first_mismatch) {
  const auto step = analyse(default_profile(), token, 200, R"({"access_token":"a","expiresIn":5})");
  EXPECT_EQ(step.first_mismatch, "token (token): absent");
  EXPECT_EQ(step.unknown, (lines{"access_token"}));
  EXPECT_EQ(step.verdict, "no token: processing_error / bad_response: no usable token at token");

  const auto list = analyse(alternate(), reports, 200,
                            R"({"student":{"ssid":"1234567890"},"data":{"reports":[{"a":1}]}})");
  EXPECT_EQ(list.missing, (lines{"data.scoreReports (reports): absent"}));  // items not judged
  EXPECT_EQ(list.unknown, (lines{"data.reports"}));
  EXPECT_EQ(list.verdict,
            "no reports: processing_error / bad_response: no array at data.scoreReports");
}

TEST(wire_probe, a_type_change_is_named_with_both_types) {
  json::object o = json::parse(alternate_reports({alternate_item()})).as_object();
  o["student"].as_object()["ssid"] = 1234567890;
  const auto step = analyse(alternate(), reports, 200, json::serialize(o));
  EXPECT_EQ(step.first_mismatch, "student.ssid (ssid): a number, expected a string");
  EXPECT_EQ(step.verdict,
            "no reports: processing_error / bad_response: the SSID at student.ssid is not the one "
            "asked for");

  const auto lifetime =
      analyse(default_profile(), token, 200, R"({"token":"t","expiresIn":"3600"})");
  EXPECT_EQ(lifetime.first_mismatch, "expiresIn (expires_in): a string, expected a number");
  EXPECT_EQ(lifetime.verdict,
            "no token: processing_error / bad_response: an unusable lifetime at expiresIn");

  EXPECT_EQ(analyse(alternate(), reports, 200, R"({"student":"x"})").first_mismatch,
            "student.ssid (ssid): absent (student is a string, not an object)");
  EXPECT_EQ(analyse(default_profile(), token, 200, "[]").first_mismatch,
            "token (token): absent (the answer is an array, not an object)");
}

TEST(wire_probe, items_lacking_a_field_are_counted_and_the_first_in_profile_order_is_named) {
  json::object no_format = alternate_item();
  no_format.erase("fileFormat");
  json::object grade_number = alternate_item();
  grade_number["gradeLevel"] = 5;
  json::object no_name = alternate_item();
  no_name.erase("testName");
  const auto step =
      analyse(alternate(), reports, 200, alternate_reports({no_name, no_format, grade_number}));
  EXPECT_EQ(step.missing,
            (lines{"data.scoreReports[].fileFormat (format): in 2 of 3 items (absent in 1)",
                   "data.scoreReports[].gradeLevel (grade): in 2 of 3 items (a number in 1), "
                   "expected a string"}));
  EXPECT_TRUE(contains(step.found, "data.scoreReports[].testName (report_name): in 2 of 3 items"));
  EXPECT_EQ(step.first_mismatch, step.missing.front());
  item_counts counts;
  counts.received = 3;
  counts.kept = 2;
  counts.missing_field = 1;
  counts.missing[static_cast<std::size_t>(item_field::format)] = 1;
  EXPECT_EQ(step.verdict, "2 reports kept of 3 items: " + describe(alternate(), counts));
}

TEST(wire_probe, an_optional_field_absent_from_every_item_is_a_mismatch) {
  json::object no_grade = default_item();
  no_grade.erase("grade");
  const auto step = analyse(default_profile(), reports, 200, default_reports({no_grade, no_grade}));
  EXPECT_EQ(step.first_mismatch, "reports[].grade (grade): absent from all 2 items");
  EXPECT_EQ(step.verdict, "2 reports kept of 2 items");
}

TEST(wire_probe, items_that_are_not_objects_lack_every_field) {
  const auto step = analyse(
      default_profile(), reports, 200,
      R"({"ssid":"1234567890","reports":[)" + json::serialize(default_item()) + R"(, "x"]})");
  EXPECT_EQ(step.first_mismatch, "reports[].url (url): in 1 of 2 items (1 item is not an object)");
}

TEST(wire_probe, an_empty_list_matches_and_its_item_fields_are_not_judged) {
  const auto step =
      analyse(default_profile(), reports, 200, R"({"ssid":"1234567890","reports":[]})");
  EXPECT_EQ(step.found, (lines{"ssid (ssid)", "reports (reports)"}));
  EXPECT_TRUE(step.missing.empty());
  EXPECT_EQ(step.first_mismatch, "");
  EXPECT_EQ(step.verdict, "no reports: no_test_data / answered: an empty array at reports");
}

TEST(wire_probe, an_optional_null_is_read_as_absent) {
  const auto step = analyse(default_profile(), token, 200, R"({"token":"t","expiresIn":null})");
  EXPECT_EQ(step.missing, (lines{"expiresIn (expires_in): null, read as absent"}));
  EXPECT_EQ(step.verdict, "a usable token (lifetime 3600 s)");
}

TEST(wire_probe, only_the_top_of_an_unknown_subtree_is_listed) {
  const auto step = analyse(default_profile(), token, 200,
                            R"({"token":"t","expiresIn":5,"meta":{"a":1,"b":{"c":2}},
                                "1234567890":{"x":1}})");
  EXPECT_EQ(step.unknown, (lines{"meta", "(name withheld)"}));
  EXPECT_EQ(step.first_mismatch, "");
}

// Rule 6 and 7, error answers.
TEST(wire_probe, an_error_with_a_known_code_matches) {
  const auto step = analyse(default_profile(), token, 401,
                            R"({"errorCode":"NOT_AUTHORIZED","message":"m","traceId":"x"})");
  EXPECT_EQ(step.found, (lines{"errorCode (code)", "message (message)"}));
  EXPECT_EQ(step.unknown, (lines{"traceId"}));
  EXPECT_EQ(step.first_mismatch, "");
  EXPECT_EQ(step.verdict, "no token: not_authorized / answered (code NOT_AUTHORIZED)");

  const auto nested = analyse(alternate(), reports, 404, R"({"error":{"code":"UNKNOWN_STUDENT"}})");
  EXPECT_EQ(nested.missing, (lines{"error.description (message): absent"}));
  EXPECT_EQ(nested.first_mismatch, "");  // the message is not needed
  EXPECT_EQ(nested.verdict, "no reports: ssid_not_found / answered (code UNKNOWN_STUDENT)");
}

TEST(wire_probe, an_error_without_a_known_code_says_what_is_wrong) {
  const auto unknown_code =
      analyse(alternate(), reports, 404, R"({"error":{"code":"WEIRD_THING","description":"d"}})");
  EXPECT_EQ(unknown_code.first_mismatch,
            "HTTP 404: the code at errors.code (error.code) is not in the profile's table");
  EXPECT_EQ(unknown_code.verdict,
            "no reports: processing_error / bad_response (HTTP 404, no code the profile knows)");
  EXPECT_EQ(everything(unknown_code).find("WEIRD"), std::string::npos);

  const auto other_place = analyse(alternate(), token, 401, R"({"errorCode":"NOT_AUTHORIZED"})");
  EXPECT_EQ(other_place.first_mismatch, "HTTP 401: no errors.code (error.code) in the body");
  EXPECT_EQ(other_place.unknown, (lines{"errorCode"}));

  EXPECT_EQ(analyse(default_profile(), token, 500, R"({"errorCode":42})").first_mismatch,
            "HTTP 500: errors.code (errorCode) is a number, expected a string");
  EXPECT_EQ(analyse(default_profile(), token, 429, "{}").verdict,
            "no token: processing_error / rate_limited (HTTP 429, no code the profile knows)");
}

TEST(wire_probe, an_error_body_over_the_small_answer_bound_is_not_read_for_its_code) {
  const std::string body =
      R"({"errorCode":"INTERNAL_ERROR","pad":")" + std::string(max_small_answer_bytes, 'x') + "\"}";
  const auto step = analyse(default_profile(), token, 500, body);
  EXPECT_EQ(step.first_mismatch,
            "HTTP 500: the body is over 64 KiB, so ssrlink does not read its errors.code");
  EXPECT_EQ(step.verdict,
            "no token: processing_error / bad_response (HTTP 500, a body over 64 KiB, not read)");
}

TEST(wire_probe, a_known_code_that_does_not_look_safe_is_not_shown) {
  profile p = default_profile();
  p.errors.codes.emplace_back("ERR_12345", core::ets_error::not_authorized);
  const auto step = analyse(p, token, 401, R"({"errorCode":"ERR_12345"})");
  EXPECT_EQ(step.first_mismatch, "");
  EXPECT_EQ(step.verdict, "no token: not_authorized / answered (a code the profile knows)");
  EXPECT_EQ(everything(step).find("12345"), std::string::npos);
}

TEST(wire_probe, html_and_empty_bodies_are_not_json) {
  const std::string html = "<html><body>502 Bad Gateway</body></html>";
  const auto gateway =
      analyse(default_profile(), token, answer(502, html, "text/html; charset=UTF-8"));
  EXPECT_TRUE(gateway.shape.empty() && gateway.found.empty() && gateway.missing.empty());
  EXPECT_EQ(gateway.first_mismatch,
            "the body is not JSON (Content-Type text/html; charset=UTF-8, 41 bytes)");
  EXPECT_EQ(gateway.verdict,
            "no token: processing_error / bad_response (HTTP 502, no code the profile knows)");
  EXPECT_EQ(analyse(alternate(), reports, answer(200, html, "text/html")).verdict,
            "no reports: processing_error / bad_response: the body is not a JSON object");
  EXPECT_EQ(analyse(default_profile(), token, raw_answer{204, {}, ""}).first_mismatch,
            "the body is empty (no Content-Type, 0 bytes)");
}

// Rule 7, the token's own reasons.
TEST(wire_probe, the_verdict_says_why_a_token_answer_is_unusable) {
  EXPECT_EQ(analyse(default_profile(), token, 200, R"({"token":"has space"})").verdict,
            "no token: processing_error / bad_response: no usable token at token");
  const std::string big =
      R"({"token":"t","pad":")" + std::string(max_small_answer_bytes, 'x') + "\"}";
  EXPECT_EQ(analyse(default_profile(), token, 200, big).verdict,
            "no token: processing_error / bad_response: the body is over 64 KiB");
}

TEST(wire_probe, the_verdict_says_when_the_ssid_is_missing_or_another) {
  json::object o = json::parse(default_reports({default_item()})).as_object();
  o["ssid"] = "999";
  const auto other = analyse(default_profile(), reports, 200, json::serialize(o));
  EXPECT_EQ(other.first_mismatch, "");  // the shape matched; the data did not
  EXPECT_EQ(other.verdict,
            "no reports: processing_error / bad_response: the SSID at ssid is not the one asked "
            "for");
  o.erase("ssid");
  const auto none = analyse(default_profile(), reports, 200, json::serialize(o));
  EXPECT_EQ(none.first_mismatch, "ssid (ssid): absent");
  EXPECT_EQ(none.verdict, "no reports: processing_error / bad_response: no SSID at ssid");
}

}  // namespace
}  // namespace ssrlink::ets::wire::probe_test
