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
  auto r = parse_reports_response(default_profile(), body, ssid, now);
  if (!std::holds_alternative<reports_page>(r)) {
    ADD_FAILURE() << "failed: " << std::get<core::ets_failure>(r).detail;
    return {};
  }
  return std::get<reports_page>(r);
}

core::ets_failure parse_fail(const std::string &body, const std::string &ssid = "1234567890") {
  auto r = parse_reports_response(default_profile(), body, ssid, now);
  if (!std::holds_alternative<core::ets_failure>(r)) {
    ADD_FAILURE() << "parsed unexpectedly";
    return {};
  }
  return std::get<core::ets_failure>(r);
}

TEST(parse_reports_response, golden_list) {
  const auto page = parse_ok(golden);
  ASSERT_EQ(page.reports.size(), 2u);
  EXPECT_FALSE(worth_logging(page.counts));
  EXPECT_EQ(page.counts.received, 2u);
  EXPECT_EQ(page.counts.kept, 2u);
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
  const auto page =
      parse_ok(R"({"ssid":"1234567890","reports":[{"reportType":"SB","administrationYear":"2018-19",
    "language":"ENG","format":"PDF","url":"https://h/a"}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].expires_at, now + 30min);
  EXPECT_FALSE(worth_logging(page.counts));
}

TEST(parse_reports_response, unreadable_expires_at_is_thirty_minutes_and_counted) {
  const auto page =
      parse_ok(R"({"ssid":"1234567890","reports":[{"reportType":"SB","administrationYear":"2018-19",
    "language":"ENG","format":"PDF","url":"https://h/a","expiresAt":"tomorrow"}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].expires_at, now + 30min);
  EXPECT_EQ(page.counts.unreadable_expiry, 1u);
  EXPECT_TRUE(worth_logging(page.counts));
  EXPECT_NE(describe(default_profile(), page.counts).find("1 with an unreadable expiresAt"),
            std::string::npos);
  EXPECT_EQ(describe(default_profile(), page.counts).find("tomorrow"), std::string::npos);
}

class missing_required : public ::testing::TestWithParam<const char *> {};

TEST_P(missing_required, report_is_skipped_and_counted_by_field_and_others_kept) {
  const std::string field = GetParam();
  std::string broken = R"({"reportType":"SB","administrationYear":"2018-19","language":"ENG",
    "format":"PDF","url":"https://h/secret?X-Amz-Signature=zz"})";
  // Remove the field by renaming its key.
  const auto at = broken.find("\"" + field + "\"");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at + 1, field.size(), "_" + field);
  const auto page = parse_ok(R"({"ssid":"1234567890","reports":[)" + broken +
                             R"(,{"reportType":"CAST","administrationYear":"2018-19",
    "language":"ENG","format":"PDF","url":"https://h/b"}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].test, "CAST");
  EXPECT_EQ(page.counts.missing_field, 1u);
  const std::string summary = describe(default_profile(), page.counts);
  EXPECT_NE(summary.find("1 missing a required field (" + field + " 1)"), std::string::npos)
      << summary;
  EXPECT_EQ(summary.find("X-Amz"), std::string::npos) << "a summary must never hold a URL";
}

INSTANTIATE_TEST_SUITE_P(each_field, missing_required,
                         ::testing::Values("url", "format", "language", "reportType",
                                           "administrationYear"));

TEST(parse_reports_response, wrong_types_and_non_objects_are_skipped) {
  const auto page = parse_ok(R"({"ssid":"1234567890","reports":[42, "x", null,
    {"reportType":7,"administrationYear":"2018-19","language":"ENG","format":"PDF","url":"u"},
    {"reportType":"SB","administrationYear":"2018-19","language":"ENG","format":"PDF","url":"u",
     "grade":5,"reportName":{"x":1}}]})");
  ASSERT_EQ(page.reports.size(), 1u);
  EXPECT_EQ(page.reports[0].grade, "");
  EXPECT_EQ(page.reports[0].name, "");
  EXPECT_EQ(page.counts.not_an_object, 3u);
  EXPECT_EQ(page.counts.missing_field, 1u);
  EXPECT_EQ(page.counts.missing[3], 1u) << "reportType is the fourth required field";
  EXPECT_EQ(page.counts.kept, 1u);
  EXPECT_EQ(describe(default_profile(), page.counts),
            "1 of 5 items kept; skipped: 3 not an object, 1 missing a required field "
            "(reportType 1)");
}

TEST(parse_reports_response, empty_list_is_no_test_data) {
  const auto f = parse_fail(R"({"ssid":"1234567890","reports":[]})");
  EXPECT_EQ(f.error, ets_error::no_test_data);
  EXPECT_EQ(f.fault, ets_fault::answered);
}

TEST(parse_reports_response, a_list_of_only_broken_reports_is_a_processing_error) {
  const auto f = parse_fail(R"({"ssid":"1234567890","reports":[{"reportType":"SB"}]})");
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  EXPECT_NE(f.detail.find("0 of 1 items kept"), std::string::npos) << f.detail;
}

TEST(parse_reports_response, another_students_list_is_refused_without_naming_either) {
  const auto f = parse_fail(golden, "9999999999");
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  EXPECT_EQ(f.http_status, 200);
  EXPECT_NE(f.detail.find("different SSID"), std::string::npos);
  EXPECT_EQ(f.detail.find("9999999999"), std::string::npos) << f.detail;
  EXPECT_EQ(f.detail.find("1234567890"), std::string::npos) << f.detail;
  // Not a string, a prefix, or the same digits padded: all different.
  for (const char *body :
       {R"({"ssid":1234567890,"reports":[]})", R"({"ssid":"123456789","reports":[]})",
        R"({"ssid":" 1234567890","reports":[]})", R"({"ssid":[],"reports":[]})"}) {
    const auto g = parse_fail(body);
    EXPECT_EQ(g.error, ets_error::processing_error) << body;
    EXPECT_EQ(g.fault, ets_fault::bad_response) << body;
  }
}

TEST(parse_reports_response, a_missing_or_null_ssid_is_refused) {
  for (const char *body :
       {R"({"reports":[{"reportType":"SB","administrationYear":"2018-19","language":"ENG",
          "format":"PDF","url":"https://h/a"}]})",
        R"({"ssid":null,"reports":[{"reportType":"SB","administrationYear":"2018-19",
          "language":"ENG","format":"PDF","url":"https://h/a"}]})",
        R"({"reports":[]})"}) {
    const auto f = parse_fail(body);
    EXPECT_EQ(f.error, ets_error::processing_error) << body;
    EXPECT_EQ(f.fault, ets_fault::bad_response) << body;
    EXPECT_NE(f.detail.find("no ssid"), std::string::npos) << f.detail;
    EXPECT_EQ(f.detail.find("1234567890"), std::string::npos) << f.detail;
  }
}

// `good` usable reports followed by `junk` items that are not objects.
std::string list_of(std::size_t good, std::size_t junk) {
  std::string body = R"({"ssid":"1234567890","reports":[)";
  for (std::size_t i = 0; i < good + junk; ++i) {
    body += i == 0 ? "" : ",";
    body += i < good ? R"({"reportType":"SB","administrationYear":"2018-19","language":"ENG",
                          "format":"PDF","url":"https://h/a"})"
                     : "\"<b>junk</b>\"";
  }
  return body + "]}";
}

TEST(parse_reports_response, only_the_first_items_up_to_the_cap_are_examined) {
  const auto page = parse_ok(list_of(max_report_items + 100, 0));
  EXPECT_EQ(page.reports.size(), max_report_items);
  EXPECT_EQ(page.counts.received, max_report_items + 100);
  EXPECT_EQ(page.counts.kept, max_report_items);
  EXPECT_EQ(page.counts.beyond_cap, 100u);
  EXPECT_TRUE(worth_logging(page.counts));
  EXPECT_NE(describe(default_profile(), page.counts).find("100 beyond the cap of 500 not examined"),
            std::string::npos)
      << describe(default_profile(), page.counts);
}

TEST(parse_reports_response, a_hostile_list_is_counted_in_one_bounded_summary) {
  // What an attacker sent: a few real reports, then a flood of junk.
  const std::size_t junk = 200000;
  const auto page = parse_ok(list_of(2, junk));
  ASSERT_EQ(page.reports.size(), 2u);
  item_counts expected;
  expected.received = 2 + junk;
  expected.kept = 2;
  expected.beyond_cap = 2 + junk - max_report_items;
  expected.not_an_object = max_report_items - 2;
  EXPECT_EQ(page.counts, expected);
  const std::string summary = describe(default_profile(), page.counts);
  EXPECT_EQ(summary,
            "2 of 200002 items kept; 199502 beyond the cap of 500 not examined; skipped: 498 "
            "not an object");
  EXPECT_EQ(summary.find("junk"), std::string::npos) << "no item text in the log";
}

TEST(parse_reports_response, a_hostile_list_without_a_usable_report_fails_with_the_counts) {
  const auto f = parse_fail(list_of(0, 200000));
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  EXPECT_NE(f.detail.find("0 of 200000 items kept; 199500 beyond the cap"), std::string::npos)
      << f.detail;
  EXPECT_LT(f.detail.size(), 300u);
  EXPECT_EQ(f.detail.find("junk"), std::string::npos);
}

TEST(describe, names_every_reason_with_its_count_and_nothing_else) {
  item_counts c;
  c.received = 20;
  c.kept = 10;
  c.beyond_cap = 0;
  c.not_an_object = 2;
  c.missing_field = 8;
  c.missing[0] = 8;
  c.missing[4] = 3;
  c.unreadable_expiry = 4;
  EXPECT_EQ(describe(default_profile(), c),
            "10 of 20 items kept; skipped: 2 not an object, 8 missing a required field (url 8, "
            "administrationYear 3); 4 with an unreadable expiresAt (30 minutes assumed)");
  EXPECT_TRUE(worth_logging(c));
  item_counts clean;
  clean.received = clean.kept = 6;
  EXPECT_FALSE(worth_logging(clean));
  EXPECT_EQ(describe(default_profile(), clean), "6 of 6 items kept");
}

TEST(parse_reports_response, malformed_bodies_are_bad_responses) {
  for (const std::string &body :
       {std::string(""), std::string("<!DOCTYPE html><html>Service Unavailable</html>"),
        std::string(R"({"ssid":"1234567890","reports":[{"reportType":"SB")"),
        std::string(R"({"ssid":"1234567890"})"),
        std::string(R"({"ssid":"1234567890","reports":{}})"), std::string("[]"),
        std::string("null"), std::string(R"({"ssid":"1234567890","reports":[]} trailing)")}) {
    const auto f = parse_fail(body);
    EXPECT_EQ(f.error, ets_error::processing_error) << body;
    EXPECT_EQ(f.fault, ets_fault::bad_response) << body;
    EXPECT_EQ(f.http_status, 200);
  }
}

TEST(parse_reports_response, invalid_utf8_in_a_value_rejects_the_body) {
  const std::string body = std::string(R"({"ssid":"1234567890","reports":[{"reportType":"SB)") +
                           "\xc3\x28" +
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
  const std::string body = R"({"ssid":"1234567890","reports":[{"reportType":"SB","reportName":")" +
                           big +
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
