// report_page/page_json: the single page's result, written by hand from the prepared parts, held
// to the same JSON and the same HTML as the slow path that builds it with Boost.JSON and
// render_report_page, for every kind of answer.
#include "core/report_page/page_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <vector>

#include "core/report_page/prepared_reports.hpp"
#include "test_links.hpp"

namespace ssrlink::test {
namespace {

namespace json = boost::json;

const time_point issued = at("2026-03-01T10:00:00Z");

std::shared_ptr<const prepared_reports> prepared(
    ui_language language, report_page_kind page = report_page_kind::test_scores) {
  static const link_allow_list allowed({"*.s3.amazonaws.com"});
  report_link odd = make_link("SB", "2019-20", "SPA", "PDF", "ELA", issued - 5min);
  odd.name = "A \"quoted\" <b>name</b> & \xFF";
  return prepare_reports({make_link("SB", "2019-20", "ENG", "PDF", "ELA", issued), odd,
                          make_link("ELPAC", "2018-19", "ENG", "HTML", "ALL", issued + 1min)},
                         page, language, allowed);
}

// The slow path: the result as Boost.JSON and render_report_page write it.
json::object reference(const page_answer &page, const page_request &request) {
  json::array reports;
  std::optional<time_point> earliest;
  for (const auto &link : page.reports()) {
    reports.push_back(report_json(link, request.language));
    earliest = earliest ? std::min(*earliest, link.expires_at) : link.expires_at;
  }
  page_view view;
  view.language = request.language;
  view.page = request.page;
  view.message = page.message;
  view.hint = page.hint;
  view.instructions = page.instructions;
  view.reports = page.reports();
  view.refresh_url = request.refresh_url;
  json::object result;
  result["outcome"] = to_string(page.outcome);
  result["message"] = page.message ? json::value(*page.message) : json::value(nullptr);
  result["hint"] = page.hint ? json::value(*page.hint) : json::value(nullptr);
  result["links_expire_at"] = earliest ? json::value(format_utc(*earliest)) : json::value(nullptr);
  result["reports"] = std::move(reports);
  result["cached"] = page.cached;
  result["instructions"] =
      page.instructions
          ? json::value(json::object{{"language", language_tag(page.instructions->language)},
                                     {"text", page.instructions->text}})
          : json::value(nullptr);
  result["html"] = render_report_page(view);
  return result;
}

std::vector<std::string> keys_of(const json::object &object) {
  std::vector<std::string> keys;
  for (const auto &item : object) {
    keys.emplace_back(item.key());
  }
  return keys;
}

void expect_same_as_slow_path(const page_answer &page, const page_request &request) {
  const std::string fast = page_result_json(page, request);
  const json::value parsed = json::parse(fast);  // throws on invalid JSON
  const json::object expected = reference(page, request);
  EXPECT_EQ(parsed.as_object().at("html"), expected.at("html"));
  EXPECT_EQ(parsed, json::value(expected)) << fast;
  EXPECT_EQ(keys_of(parsed.as_object()), keys_of(expected));
}

TEST(page_json, a_page_of_reports_is_the_slow_paths_json_and_html) {
  for (const ui_language language : {ui_language::en, ui_language::es}) {
    page_request request;
    request.language = language;
    request.refresh_url = "/scores?student=1&refresh=1";
    expect_same_as_slow_path(
        {.outcome = page_outcome::reports, .shown = prepared(language), .cached = true}, request);
  }
}

TEST(page_json, the_language_assessment_page_and_a_fresh_answer) {
  page_request request;
  request.page = report_page_kind::language_assessment;
  const auto shown = prepared(ui_language::en, report_page_kind::language_assessment);
  ASSERT_EQ(shown->links.size(), 1u);
  expect_same_as_slow_path({.outcome = page_outcome::reports, .shown = shown}, request);
}

TEST(page_json, instructions_with_hostile_text_are_escaped_as_on_the_slow_path) {
  page_request request;
  request.language = ui_language::es;
  page_answer page{.outcome = page_outcome::reports, .shown = prepared(ui_language::es)};
  page.instructions =
      page_instructions{"Line \"one\" <script>x</script>\n\nLine\ttwo \\ \x01", ui_language::es};
  expect_same_as_slow_path(page, request);
  // The plain text travels in "instructions" as the district wrote it; the HTML escapes it.
  const json::value written = json::parse(page_result_json(page, request));
  EXPECT_EQ(written.at("html").as_string().find("<script>"), json::string::npos);
  EXPECT_NE(written.at("html").as_string().find("&lt;script&gt;"), json::string::npos);
}

TEST(page_json, refusals_errors_and_empty_pages_carry_their_sentences_and_no_links) {
  page_request request;
  expect_same_as_slow_path({.outcome = page_outcome::denied, .message = "Not \"permitted\"."},
                           request);
  expect_same_as_slow_path({.outcome = page_outcome::ets_error,
                            .message = "ETS refused.",
                            .hint = "The credentials expired on 2026-01-01 <b>."},
                           request);
  expect_same_as_slow_path(
      {.outcome = page_outcome::no_reports, .message = "No test data.", .cached = true}, request);
  const json::value denied =
      json::parse(page_result_json({.outcome = page_outcome::denied, .message = "No."}, request));
  EXPECT_TRUE(denied.at("reports").as_array().empty());
  EXPECT_TRUE(denied.at("links_expire_at").is_null());
}

}  // namespace
}  // namespace ssrlink::test
