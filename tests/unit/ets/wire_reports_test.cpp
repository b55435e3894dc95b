// parse_reports_response: golden report lists and everything hostile about them.
#include <gtest/gtest.h>

#include <string>

#include "ets/wire.hpp"

namespace ssrlink::ets::wire {
namespace {

using core::ets_error;
using core::ets_fault;
using namespace std::chrono_literals;

// A fixed "now" stands in for the clock: 2019-05-20T17:15:00Z.
const core::time_point now =
    core::time_point{std::chrono::sys_days{std::chrono::year{2019} / 5 / 20}} + 17h + 15min;

const char *const golden = R"({
  "ssid": "1234567890",
  "reports": [
    {"reportType": "SB", "reportName": "Smarter Balanced Summative Assessments",
     "administrationYear": "2018-19", "grade": "05", "subject": "ALL", "language": "ENG",
     "format": "PDF", "status": "Final",
     "url": "https://files.example/k1?X-Amz-Expires=1800&X-Amz-Signature=ab",
     "expiresAt": "2019-05-20T17:45:00Z"},
    {"reportType": "ELPAC", "reportName": "Summative ELPAC", "administrationYear": "2017-18",
     "grade": "04", "subject": "ELA", "language": "SPA", "format": "HTML",
     "status": "Preliminary", "url": "https://files.example/k2", "expiresAt": "2019-05-20T17:40:00.5Z"}
  ]
})";

reports_page parse_ok(const std::string &body, const std::string &ssid = "1234567890") {
  auto r = parse_reports_response(body, ssid, now);
  if (!std::holds_alternative<reports_page>(r)) {
    ADD_FAILURE() << "failed: " << std::get<core::ets_failure>(r).detail;
    return {};
  }
  return std::get<reports_page>(r);
}

core::ets_failure parse_fail(const std::string &body, const std::string &ssid = "1234567890") {
  auto r = parse_reports_response(body, ssid, now);
  if (!std::holds_alternative<core::ets_failure>(r)) {
    ADD_FAILURE() << "parsed unexpectedly";
    return {};
  }
  return std::get<core::ets_failure>(r);
}

TEST(parse_reports_response, golden_list) {
  const auto page = parse_ok(golden);
  ASSERT_EQ(page.reports.size(), 2u);
  EXPECT_TRUE(page.notes.empty());
  const auto &a = page.reports[0];
  EXPECT_EQ(a.test, "SB");
  EXPECT_EQ(a.name, "Smarter Balanced Summative Assessments");
  EXPECT_EQ(a.year, "2018-19");
  EXPECT_EQ(a.grade, "05");
  EXPECT_EQ(a.subject, "ALL");
  EXPECT_EQ(a.language, "ENG");
  EXPECT_EQ(a.format, "PDF");
  EXPECT_EQ(a.status, "Final");
  EXPECT_EQ(a.url, "https://files.example/k1?X-Amz-Expires=1800&X-Amz-Signature=ab");
  EXPECT_EQ(a.expires_at, now + 30min);
  const auto &b = page.reports[1];
  EXPECT_EQ(b.test, "ELPAC");
  EXPECT_EQ(b.language, "SPA");
  EXPECT_EQ(b.format, "HTML");
  EXPECT_EQ(b.status, "Preliminary");
  EXPECT_EQ(b.expires_at, now + 25min + 500ms);
}

TEST(parse_reports_response, unknown_fields_are_ignored_and_unknown_codes_kept_raw) {
  const auto page = parse_ok(R"({"ssid":"1234567890","nextPage":null,"x":{"y":[1,2]},
    "reports":[{"reportType":"LEXILE","administrationYear":"2030-31","language":"HMN",
    "format":"VIDEO","status":"Draft","url":"https://h/v","videoLength":93,
    "expiresAt":"2019-05-20T18:00:00Z"}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].test, "LEXILE");
  EXPECT_EQ(page.reports[0].language, "HMN");
  EXPECT_EQ(page.reports[0].format, "VIDEO");
  EXPECT_EQ(page.reports[0].status, "Draft");
  EXPECT_EQ(page.reports[0].name, "");
  EXPECT_EQ(page.reports[0].grade, "");
}

TEST(parse_reports_response, missing_expires_at_is_thirty_minutes_after_now) {
  const auto page = parse_ok(R"({"reports":[{"reportType":"SB","administrationYear":"2018-19",
    "language":"ENG","format":"PDF","url":"https://h/a"}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].expires_at, now + 30min);
  EXPECT_TRUE(page.notes.empty());
}

TEST(parse_reports_response, unreadable_expires_at_is_thirty_minutes_with_a_note) {
  const auto page = parse_ok(R"({"reports":[{"reportType":"SB","administrationYear":"2018-19",
    "language":"ENG","format":"PDF","url":"https://h/a","expiresAt":"tomorrow"}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].expires_at, now + 30min);
  ASSERT_EQ(page.notes.size(), 1u);
  EXPECT_NE(page.notes[0].find("expiresAt"), std::string::npos);
}

class missing_required : public ::testing::TestWithParam<const char *> {};

TEST_P(missing_required, report_is_skipped_with_a_note_and_others_kept) {
  const std::string field = GetParam();
  std::string broken = R"({"reportType":"SB","administrationYear":"2018-19","language":"ENG",
    "format":"PDF","url":"https://h/secret?X-Amz-Signature=zz"})";
  // Remove the field by renaming its key.
  const auto at = broken.find("\"" + field + "\"");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at + 1, field.size(), "_" + field);
  const auto page = parse_ok(R"({"reports":[)" + broken +
                             R"(,{"reportType":"CAST","administrationYear":"2018-19",
    "language":"ENG","format":"PDF","url":"https://h/b"}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].test, "CAST");
  ASSERT_EQ(page.notes.size(), 1u);
  EXPECT_NE(page.notes[0].find(field), std::string::npos);
  EXPECT_EQ(page.notes[0].find("X-Amz"), std::string::npos) << "a note must never hold a URL";
}

INSTANTIATE_TEST_SUITE_P(each_field, missing_required,
                         ::testing::Values("url", "format", "language", "reportType",
                                           "administrationYear"));

TEST(parse_reports_response, wrong_types_and_non_objects_are_skipped) {
  const auto page = parse_ok(R"({"reports":[42, "x", null,
    {"reportType":7,"administrationYear":"2018-19","language":"ENG","format":"PDF","url":"u"},
    {"reportType":"SB","administrationYear":"2018-19","language":"ENG","format":"PDF","url":"u",
     "grade":5,"reportName":{"x":1}}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].grade, "");
  EXPECT_EQ(page.reports[0].name, "");
  EXPECT_EQ(page.notes.size(), 4u);
}

TEST(parse_reports_response, empty_list_is_no_test_data) {
  const auto f = parse_fail(R"({"ssid":"1234567890","reports":[]})");
  EXPECT_EQ(f.error, ets_error::no_test_data);
  EXPECT_EQ(f.fault, ets_fault::answered);
}

TEST(parse_reports_response, a_list_of_only_broken_reports_is_a_processing_error) {
  const auto f = parse_fail(R"({"reports":[{"reportType":"SB"}]})");
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
}

TEST(parse_reports_response, another_students_list_is_refused) {
  const auto f = parse_fail(golden, "9999999999");
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_NE(f.detail.find("different SSID"), std::string::npos);
  EXPECT_EQ(parse_fail(R"({"ssid":1234567890,"reports":[]})").error, ets_error::processing_error);
}

TEST(parse_reports_response, malformed_bodies_are_bad_responses) {
  for (const std::string &body :
       {std::string(""), std::string("<!DOCTYPE html><html>Service Unavailable</html>"),
        std::string(R"({"reports":[{"reportType":"SB")"), std::string(R"({"ssid":"1"})"),
        std::string(R"({"reports":{}})"), std::string("[]"), std::string("null"),
        std::string(R"({"reports":[]} trailing)")}) {
    const auto f = parse_fail(body);
    EXPECT_EQ(f.error, ets_error::processing_error) << body;
    EXPECT_EQ(f.fault, ets_fault::bad_response) << body;
    EXPECT_EQ(f.http_status, 200);
  }
}

TEST(parse_reports_response, invalid_utf8_in_a_value_rejects_the_body) {
  const std::string body = std::string(R"({"reports":[{"reportType":"SB)") + "\xc3\x28" +
                           R"(","administrationYear":"2018-19","language":"ENG","format":"PDF",
    "url":"https://h/a"}]})";
  const auto f = parse_fail(body);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  for (const char c : f.detail) {
    EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  }
}

TEST(parse_reports_response, huge_and_hostile_values_are_kept_verbatim_for_the_renderer) {
  const std::string big(1 << 20, 'A');
  const std::string body = R"({"reports":[{"reportType":"SB","reportName":")" + big +
                           R"j(<script>","administrationYear":"2018-19","language":"ENG",
    "format":"PDF","url":"javascript:alert(1)"}]})j";
  const auto page = parse_ok(body);
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].name, big + "<script>");
  EXPECT_EQ(page.reports[0].url, "javascript:alert(1)");
}

TEST(parse_reports_response, deep_nesting_is_refused_not_a_crash) {
  const std::string body =
      R"({"x":)" + std::string(10000, '[') + std::string(10000, ']') + R"(,"reports":[]})";
  EXPECT_EQ(parse_fail(body).fault, ets_fault::bad_response);
}

}  // namespace
}  // namespace ssrlink::ets::wire
