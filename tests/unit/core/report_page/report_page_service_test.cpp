// The report page end to end over in-memory ports: result JSON, page filter, credentials
// states, ETS error mapping, hostile ETS data, audit rows and the fail-closed audit rule.
#include "core/report_page/report_page_service.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "core/i18n/ui_text.hpp"
#include "flight_joins.hpp"
#include "service_fixture.hpp"

namespace ssrlink::test {
namespace {

const std::string staff = R"({"role": "staff", "user_id": "s-9", "permitted": true})";
const std::string parent =
    R"({"role": "parent", "user_id": "p-1", "permitted": true, "contact_sequence": 1})";

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(report_page_service, result_has_the_contract_shape) {
  service_fixture fx;
  auto links = fx.issued_links();
  links[1].expires_at = fx.clock.now() + 20min;  // the earliest expiry
  fx.ets.answer_every_ssid(ets_reports_result{links});
  const auto result = fx.run(request_as(parent));
  EXPECT_EQ(str(result.at("outcome")), "reports");
  EXPECT_TRUE(result.at("message").is_null());
  EXPECT_EQ(str(result.at("links_expire_at")), "2026-11-23T18:20:00Z");
  const auto &reports = result.at("reports").as_array();
  ASSERT_EQ(reports.size(), 3U);
  const auto &first = reports[0].as_object();
  for (const char *key : {"test", "name", "year", "grade", "subject", "language", "language_name",
                          "format", "status", "url", "expires_at"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(str(first.at("test")), "SB");
  EXPECT_EQ(str(first.at("language")), "ENG");  // English first
  EXPECT_EQ(str(first.at("language_name")), "English");
  EXPECT_EQ(str(reports[1].at("language_name")), "Spanish");
  EXPECT_TRUE(contains(str(first.at("url")), "https://reports.s3.amazonaws.com/"));
  const std::string html = str(result.at("html"));
  EXPECT_EQ(html.rfind("<section class=\"ssrlink\" lang=\"en\">", 0), 0U);
  EXPECT_TRUE(contains(html, "role=\"status\""));
  EXPECT_FALSE(contains(html, "role=\"alert\""));
  EXPECT_FALSE(result.at("cached").as_bool());
}

TEST(report_page_service, language_assessment_page_shows_the_elpac_family_only) {
  service_fixture fx;
  auto links = fx.issued_links();
  links.push_back(make_link("ALTELPAC", "2019-20", "ENG", "PDF", "ALL", fx.clock.now()));
  links.push_back(make_link("IELPAC", "2017-18", "ENG", "PDF", "ALL", fx.clock.now()));
  links.push_back(make_link("CAST", "2019-20", "ENG", "PDF", "ALL", fx.clock.now()));
  fx.ets.answer_every_ssid(ets_reports_result{links});
  const auto result = fx.run(request_as(staff, 1001, R"(, "page": "language_assessment")"));
  const auto &reports = result.at("reports").as_array();
  ASSERT_EQ(reports.size(), 3U);
  EXPECT_EQ(str(reports[0].at("test")), "ALTELPAC");  // 2019-20 first
  EXPECT_EQ(str(reports[1].at("test")), "ELPAC");
  EXPECT_EQ(str(reports[2].at("test")), "IELPAC");
  EXPECT_FALSE(contains(str(result.at("html")), "Smarter Balanced"));
  EXPECT_EQ(fx.audit.entries().at(0).page, "language_assessment");
  // The full list was cached: the test scores page next does not call ETS again.
  const auto all = fx.run(request_as(staff));
  EXPECT_EQ(all.at("reports").as_array().size(), 6U);
  EXPECT_TRUE(all.at("cached").as_bool());
  EXPECT_EQ(fx.ets.calls(), 1);
}

TEST(report_page_service, language_page_without_elpac_reports_says_no_test_data) {
  service_fixture fx;
  fx.ets.answer_every_ssid(ets_reports_result{
      report_links{make_link("SB", "2018-19", "ENG", "PDF", "ALL", fx.clock.now())}});
  const auto result = fx.run(request_as(staff, 1001, R"(, "page": "language_assessment")"));
  EXPECT_EQ(str(result.at("outcome")), "no_reports");
  EXPECT_EQ(str(result.at("message")), "Student does not have any test data");
  EXPECT_TRUE(result.at("links_expire_at").is_null());
}

TEST(report_page_service, audit_row_lists_what_was_offered_without_urls) {
  service_fixture fx;
  fx.run(request_as(parent));
  ASSERT_EQ(fx.audit.entries().size(), 1U);
  const auto row = fx.audit.entries().at(0);
  EXPECT_EQ(row.role, "parent");
  EXPECT_EQ(row.user_id, "p-1");
  EXPECT_EQ(row.student_id, 1001);
  EXPECT_EQ(row.page, "test_scores");
  EXPECT_EQ(row.outcome, "reports");
  EXPECT_EQ(row.at, fx.clock.now());
  const auto offered = boost::json::parse(row.offered).as_array();
  ASSERT_EQ(offered.size(), 3U);
  EXPECT_EQ(offered[0].as_object().size(), 4U);
  EXPECT_EQ(str(offered[0].at("test")), "SB");
  EXPECT_EQ(str(offered[0].at("year")), "2018-19");
  EXPECT_EQ(str(offered[0].at("language")), "ENG");
  EXPECT_EQ(str(offered[0].at("format")), "PDF");
  EXPECT_FALSE(contains(row.offered, "https"));
  EXPECT_FALSE(contains(row.offered, "Signature"));
}

TEST(report_page_service, no_links_without_an_audit_row) {
  service_fixture fx;
  fx.audit.fail_every_write();
  auto svc = fx.service();
  try {
    svc.handle(request_as(parent));
    FAIL() << "expected a failure";
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::database);
    EXPECT_TRUE(contains(error.what(), "access record"));
    EXPECT_FALSE(contains(error.what(), "https"));
  }
}

TEST(report_page_service, directory_failure_is_thrown_and_audited_as_error) {
  service_fixture fx;
  fx.directory.fail_every_read();
  auto svc = fx.service();
  try {
    svc.handle(request_as(staff));
    FAIL() << "expected a failure";
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::database);
    EXPECT_TRUE(contains(error.what(), "ssrlink_students"));
  }
  ASSERT_EQ(fx.audit.entries().size(), 1U);
  EXPECT_EQ(fx.audit.entries()[0].outcome, "error");
  EXPECT_EQ(fx.ets.calls(), 0);
}

TEST(report_page_service, not_configured_tells_staff_what_to_do_and_parents_to_call) {
  service_fixture fx;
  fx.credentials.district.reset();
  const auto for_staff = fx.run(request_as(staff));
  EXPECT_EQ(str(for_staff.at("outcome")), "not_configured");
  EXPECT_TRUE(contains(str(for_staff.at("message")), "TOMS"));
  const auto for_parent = fx.run(request_as(parent));
  EXPECT_EQ(str(for_parent.at("outcome")), "not_configured");
  EXPECT_FALSE(contains(str(for_parent.at("message")), "TOMS"));
  EXPECT_TRUE(contains(str(for_parent.at("message")), "contact the school"));
  EXPECT_EQ(fx.ets.calls(), 0);
  EXPECT_EQ(fx.audit.entries().size(), 2U);
}

TEST(report_page_service, school_credentials_win_over_the_district) {
  service_fixture fx;
  fx.credentials.by_school["100"] = credentials_for("school-100@2026-02-01");
  fx.credentials.district.reset();
  const auto result = fx.run(request_as(staff));
  EXPECT_EQ(str(result.at("outcome")), "reports");
  // The cache is keyed by the school's set.
  EXPECT_TRUE(
      fx.store.find(link_cache::key_for("1234567890", "school-100@2026-02-01")).has_value());
}

TEST(report_page_service, expired_credentials_skip_ets_with_a_hint_for_staff_only) {
  service_fixture fx;
  fx.credentials.district = credentials_for("old", true);
  const auto for_staff = fx.run(request_as(staff));
  EXPECT_EQ(str(for_staff.at("outcome")), "ets_error");
  EXPECT_EQ(str(for_staff.at("message")), "You are not authorized to make this request");
  EXPECT_TRUE(contains(str(for_staff.at("hint")), "2026-11-01"));
  EXPECT_TRUE(contains(str(for_staff.at("html")), "2026-11-01"));
  const auto for_parent = fx.run(request_as(parent));
  EXPECT_EQ(str(for_parent.at("message")), "You are not authorized to make this request");
  EXPECT_TRUE(for_parent.at("hint").is_null());
  EXPECT_FALSE(contains(str(for_parent.at("html")), "expired"));
  EXPECT_EQ(fx.ets.calls(), 0);
}

TEST(report_page_service, ets_errors_become_our_sentences_never_theirs) {
  const std::vector<std::pair<ets_error, std::string>> cases = {
      {ets_error::not_authorized, "You are not authorized to make this request"},
      {ets_error::no_test_data, "Student does not have any test data"},
      {ets_error::ssid_not_found, "Student identification number not found"},
      {ets_error::enrollment_mismatch, "Student enrollment record does not match calling district"},
      {ets_error::internal_error, "Internal error occurred"},
      {ets_error::processing_error, "There was an error while processing the request"},
  };
  for (const auto &[error, sentence] : cases) {
    service_fixture fx;
    fx.ets.answer_every_ssid(ets_reports_result{
        ets_failure{error, ets_fault::answered, 404, "ETS said <b>ZZ-UPSTREAM-TEXT</b>"}});
    const auto result = fx.run(request_as(parent));
    EXPECT_EQ(str(result.at("outcome")),
              error == ets_error::no_test_data ? "no_reports" : "ets_error");
    EXPECT_EQ(str(result.at("message")), sentence);
    const std::string html = str(result.at("html"));
    EXPECT_TRUE(contains(html, "class=\"ssrlink-error\" role=\"alert\""));
    EXPECT_TRUE(contains(html, sentence));
    EXPECT_FALSE(contains(boost::json::serialize(result), "ZZ-UPSTREAM-TEXT"));
    EXPECT_EQ(fx.audit.entries().at(0).outcome, str(result.at("outcome")));
  }
}

TEST(report_page_service, spanish_ui) {
  service_fixture fx;
  fx.ets.answer_every_ssid(
      ets_reports_result{ets_failure{ets_error::ssid_not_found, ets_fault::answered, 404, ""}});
  const auto result = fx.run(request_as(parent, 1001, R"(, "ui_language": "es")"));
  EXPECT_EQ(str(result.at("message")), "No se encontró el número de identificación del estudiante");
  EXPECT_TRUE(contains(str(result.at("html")), "lang=\"es\""));
  service_fixture ok;
  const auto page = ok.run(request_as(parent, 1001, R"(, "ui_language": "es")"));
  EXPECT_EQ(str(page.at("reports").as_array()[1].at("language_name")), "Español");
  EXPECT_TRUE(contains(str(page.at("html")), "aquí"));
  const auto unknown = ok.run(request_as(parent, 1001, R"(, "ui_language": "xx")"));
  EXPECT_TRUE(contains(str(unknown.at("html")), "lang=\"en\""));
}

TEST(report_page_service, refresh_asks_ets_again) {
  service_fixture fx;
  fx.run(request_as(staff));
  EXPECT_TRUE(fx.run(request_as(staff)).at("cached").as_bool());
  // Within 30 s of the fetch a forced refresh is served from the cache (one script must not
  // spend the district's ETS quota); after that it asks ETS again.
  EXPECT_TRUE(fx.run(request_as(staff, 1001, R"(, "refresh": true)")).at("cached").as_bool());
  EXPECT_EQ(fx.ets.calls(), 1);
  fx.clock.advance(31s);
  EXPECT_FALSE(fx.run(request_as(staff, 1001, R"(, "refresh": true)")).at("cached").as_bool());
  EXPECT_EQ(fx.ets.calls(), 2);
}

TEST(report_page_service, refresh_url_reaches_the_notice_escaped) {
  service_fixture fx;
  const auto result =
      fx.run(request_as(staff, 1001, R"(, "refresh_url": "/scores?id=1001&ssrlink_refresh=1")"));
  EXPECT_TRUE(contains(str(result.at("html")),
                       "<a href=\"/scores?id=1001&amp;ssrlink_refresh=1\">here</a>"));
}

TEST(report_page_service, malformed_requests_name_the_key_and_are_not_audited) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "not valid JSON"},
      {R"({"viewer": {"role": "staff", "user_id": "x"}})", "student_id"},
      {R"({"student_id": 0, "viewer": {"role": "staff", "user_id": "x"}})", "student_id"},
      {R"({"student_id": "1001", "viewer": {"role": "staff", "user_id": "x"}})", "student_id"},
      {R"({"student_id": 1, "page": "x", "viewer": {"role": "staff", "user_id": "x"}})", "page"},
      {R"({"student_id": 1, "viewer": {"role": "janitor", "user_id": "x"}})", "viewer.role"},
      {R"({"student_id": 1, "viewer": {"role": "staff"}})", "viewer.user_id"},
      {R"({"student_id": 1, "viewer": {"role": "staff", "user_id": "x", "permitted": 1}})",
       "viewer.permitted"},
      {R"({"student_id": 1, "viewer": {"role": "staff", "user_id": "x", "extra": 1}})",
       "viewer.extra"},
      {R"({"student_id": 1, "surprise": 1, "viewer": {"role": "staff", "user_id": "x"}})",
       "surprise"},
      {R"({"student_id": 1, "refresh": "yes", "viewer": {"role": "staff", "user_id": "x"}})",
       "refresh"},
      {R"j({"student_id": 1, "refresh_url": "javascript:alert(1)", "viewer": {"role": "staff", "user_id": "x"}})j",
       "refresh_url"},
      {R"({"student_id": 1, "refresh_url": "//evil.example/", "viewer": {"role": "staff", "user_id": "x"}})",
       "refresh_url"},
      {R"({"student_id": 1, "refresh_url": "http://evil.example/", "viewer": {"role": "staff", "user_id": "x"}})",
       "refresh_url"},
      {R"({"student_id": 1})", "viewer"},
  };
  for (const auto &[request, key] : cases) {
    service_fixture fx;
    auto svc = fx.service();
    try {
      svc.handle(request);
      ADD_FAILURE() << "accepted: " << request;
    } catch (const failure &error) {
      EXPECT_EQ(error.code(), status::invalid_argument) << request;
      EXPECT_TRUE(contains(error.what(), key)) << error.what();
    }
    EXPECT_TRUE(fx.audit.entries().empty()) << request;
  }
}

TEST(report_page_service, hostile_links_are_dropped_from_html_and_json_and_logged_redacted) {
  service_fixture fx;
  const time_point now = fx.clock.now();
  report_links links = {make_link("SB", "2018-19", "ENG", "PDF", "ALL", now)};
  const std::vector<std::string> bad_urls = {
      "javascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "http://reports.s3.amazonaws.com/x?X-Amz-Signature=LEAKME",
      "https://evil.example.org/x?X-Amz-Signature=LEAKME",
      "https://user:pw@reports.s3.amazonaws.com/x?X-Amz-Signature=LEAKME",
      "https://reports.s3.amazonaws.com.evil.org/x?X-Amz-Signature=LEAKME",
      "https://s3.amazonaws.com/x?X-Amz-Signature=LEAKME",  // "*." needs a subdomain
      "https://reports.s3.amazonaws.com/\"onmouseover=\"alert(1)",
      "https:///nohost",
      "",
      "https://reports.s3.amazonaws.com/" + std::string(1 << 20, 'a'),
  };
  for (const auto &url : bad_urls) {
    report_link bad = make_link("CAST", "2019-20", "ENG", "PDF", "ALL", now);
    bad.url = url;
    links.push_back(bad);
  }
  fx.ets.answer_every_ssid(ets_reports_result{links});
  const auto result = fx.run(request_as(staff));
  const auto &reports = result.at("reports").as_array();
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(str(reports[0].at("test")), "SB");
  const std::string html = str(result.at("html"));
  EXPECT_FALSE(contains(html, "javascript:"));
  EXPECT_FALSE(contains(html, "data:"));
  EXPECT_FALSE(contains(html, "evil"));
  EXPECT_FALSE(contains(html, "LEAKME"));
  EXPECT_FALSE(contains(html, "California Science Test"));
  const std::string log = fx.log.joined();
  EXPECT_TRUE(contains(log, "Dropped a report link"));
  EXPECT_FALSE(contains(log, "LEAKME"));
  EXPECT_FALSE(contains(log, "Signature"));
  EXPECT_FALSE(contains(log, "alert"));
  EXPECT_EQ(fx.audit.entries().at(0).offered.find("CAST"), std::string::npos);
}

TEST(report_page_service, hostile_text_from_ets_is_escaped_clipped_and_valid_utf8) {
  service_fixture fx;
  const time_point now = fx.clock.now();
  report_link l = make_link("<script>alert(1)</script>", "2018-19\"><img src=x onerror=alert(1)>",
                            "<b>KOR</b>", "PDF", "<i>ELA</i>", now);
  l.name = std::string("bad \xff\xfe utf8 \xc0\xaf and \xed\xa0\x80");
  l.url = "https://reports.s3.amazonaws.com/k?X-Amz-Signature=1";
  l.grade = "<svg onload=alert(1)>";
  l.status = std::string(1 << 20, 'X');  // 1 MB
  fx.ets.answer_every_ssid(ets_reports_result{report_links{l}});
  auto svc = fx.service();
  const call_result raw = svc.handle(request_as(staff));
  ASSERT_EQ(raw.code, status::ok);
  EXPECT_LT(raw.json.size(), 20000U);  // the megabyte did not make it through
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(raw.json, ec);  // valid UTF-8, valid JSON
  ASSERT_FALSE(ec) << ec.message();
  const std::string html = str(parsed.at("html"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "<svg"));
  EXPECT_FALSE(contains(html, "<b>"));
  EXPECT_FALSE(contains(html, "<i>"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(contains(html, "2018-19&quot;&gt;&lt;img"));
  ASSERT_EQ(parsed.at("reports").as_array().size(), 1U);
  const std::string name = str(parsed.at("reports").as_array()[0].at("name"));
  EXPECT_TRUE(contains(name, "\xEF\xBF\xBD"));
  EXPECT_FALSE(contains(name, "\xff"));
}

TEST(report_page_service, concurrent_page_requests_share_one_ets_call) {
  constexpr int requests = 6;
  service_fixture fx;
  flight_joins joins;
  fx.cache_options.on_wait = joins.hook();
  auto svc = fx.service();  // one service shared by every thread, as the plugin handle is
  fx.ets.close_gate();
  std::vector<call_result> results(requests);
  std::vector<std::thread> threads;
  threads.emplace_back([&] { results[0] = svc.handle(request_as(parent)); });
  fx.ets.wait_until_entered();
  for (int i = 1; i < requests; ++i) {
    threads.emplace_back([&, i] { results[std::size_t(i)] = svc.handle(request_as(staff)); });
  }
  joins.wait_for(requests - 1);
  fx.ets.open_gate();
  for (auto &t : threads) {
    t.join();
  }
  EXPECT_EQ(fx.ets.calls(), 1);
  for (const auto &r : results) {
    ASSERT_EQ(r.code, status::ok);
    EXPECT_EQ(str(boost::json::parse(r.json).at("outcome")), "reports");
  }
  EXPECT_EQ(fx.audit.entries().size(), std::size_t(requests));
}

TEST(report_page_service, secrets_never_reach_results_or_logs) {
  service_fixture fx;
  fx.ets.answer_every_ssid(ets_reports_result{
      ets_failure{ets_error::not_authorized, ets_fault::answered, 401, "token refused"}});
  const auto result = fx.run(request_as(staff));
  EXPECT_FALSE(contains(boost::json::serialize(result), "SECRET-KEY-123"));
  EXPECT_FALSE(contains(fx.log.joined(), "SECRET-KEY-123"));
  EXPECT_FALSE(contains(fx.audit.entries().at(0).offered, "SECRET"));
}

}  // namespace
}  // namespace ssrlink::test
