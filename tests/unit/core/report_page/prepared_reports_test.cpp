// report_page/prepared_reports: what a warm render copies, one test per rule of the header, and
// each written part held to the function that writes it on the slow path.
#include "core/report_page/prepared_reports.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/report_page/page_answer.hpp"
#include "test_links.hpp"

namespace ssrlink::test {
namespace {

const time_point issued = at("2026-03-01T10:00:00Z");
const link_allow_list allowed({"*.s3.amazonaws.com"});

report_links demo_links() {
  return {make_link("SB", "2018-19", "ENG", "PDF", "MATH", issued),
          make_link("ELPAC", "2018-19", "ENG", "PDF", "ALL", issued + 1min),
          make_link("SB", "2019-20", "SPA", "PDF", "ELA", issued + 2min),
          make_link("SB", "2019-20", "ENG", "PDF", "ELA", issued + 3min)};
}

TEST(prepared_reports, rule_1_only_this_pages_links_on_allowed_hosts_and_the_dropped_named) {
  report_links links = demo_links();
  links.push_back(make_link("CAST", "2019-20", "ENG", "PDF", "SCI", issued, "evil.example"));
  const auto all = prepare_reports(links, report_page_kind::test_scores, ui_language::en, allowed);
  EXPECT_EQ(all->links.size(), 4u);
  ASSERT_EQ(all->dropped.size(), 1u);
  EXPECT_NE(all->dropped[0].find("evil.example"), std::string::npos);
  EXPECT_EQ(all->dropped[0].find("SIGNATURE"), std::string::npos);  // never the usable URL

  const auto elpac =
      prepare_reports(links, report_page_kind::language_assessment, ui_language::en, allowed);
  ASSERT_EQ(elpac->links.size(), 1u);
  EXPECT_EQ(elpac->links[0].test, "ELPAC");
}

TEST(prepared_reports, rule_2_text_is_clipped_and_repaired_and_the_url_kept) {
  report_link hostile = make_link("SB", "2019-20", "ENG", "PDF", "ELA", issued);
  hostile.year = std::string(5000, 'y');
  hostile.name = "bad \xFF byte";
  hostile.subject = "a \"quote\", a \\ and a\ttab\n";
  const auto prepared =
      prepare_reports({hostile}, report_page_kind::test_scores, ui_language::en, allowed);
  ASSERT_EQ(prepared->links.size(), 1u);
  EXPECT_LE(prepared->links[0].year.size(), max_field_bytes + 3);
  EXPECT_EQ(prepared->links[0].name, "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(prepared->links[0].url, hostile.url);
  // The text written by hand is valid JSON that reads back as the cleaned link, as the family
  // page's Boost.JSON object does.
  EXPECT_EQ(boost::json::parse(prepared->reports_json).at(0),
            boost::json::value(report_json(prepared->links[0], ui_language::en)));
  EXPECT_EQ(boost::json::parse(prepared->offered_json).at(0).at("year").as_string(),
            prepared->links[0].year);
}

TEST(prepared_reports, rule_3_everything_is_written_from_the_links_in_page_order) {
  const auto prepared =
      prepare_reports(demo_links(), report_page_kind::test_scores, ui_language::es, allowed);
  report_links sorted = prepared->links;
  sort_for_display(sorted);
  EXPECT_EQ(prepared->links, sorted);
  EXPECT_EQ(prepared->links[0].year, "2019-20");  // newest first
  EXPECT_EQ(prepared->links[0].language, "ENG");  // English before the home language

  // reports_json: one object per link, in that order, as the family page writes each one.
  boost::json::array expected;
  for (const auto &link : prepared->links) {
    expected.push_back(report_json(link, ui_language::es));
  }
  EXPECT_EQ(boost::json::parse(prepared->reports_json), boost::json::value(expected));

  // body_json: the page's buttons and tip, escaped for a JSON string.
  const std::string body = report_body_html(prepared->links, ui_language::es);
  EXPECT_EQ(boost::json::parse("\"" + prepared->body_json + "\"").as_string(), body);
  EXPECT_NE(body.find("ssrlink-groups"), std::string::npos);

  // offered_json: test, year, language and format, never a URL.
  const auto offered = boost::json::parse(prepared->offered_json).as_array();
  ASSERT_EQ(offered.size(), 4u);
  EXPECT_EQ(offered[0].at("test"), "SB");
  EXPECT_EQ(offered[0].at("year"), "2019-20");
  for (std::size_t i = 0; i < offered.size(); ++i) {
    const report_link &link = prepared->links[i];
    EXPECT_EQ(offered[i], boost::json::value({{"test", link.test},
                                              {"year", link.year},
                                              {"language", link.language},
                                              {"format", link.format}}));
    EXPECT_EQ(offered[i].as_object().size(), 4u);
  }
  EXPECT_EQ(prepared->offered_json.find("https"), std::string::npos);

  // One key per test and year; the earliest expiry of the links shown.
  EXPECT_EQ(prepared->report_keys,
            (std::vector<std::string>{"SB:2019-20", "SB:2018-19", "ELPAC:2018-19"}));
  EXPECT_EQ(prepared->links_expire_at, issued + 30min);
}

TEST(prepared_reports, nothing_shown_is_nothing_written) {
  const auto prepared =
      prepare_reports({}, report_page_kind::test_scores, ui_language::en, allowed);
  EXPECT_TRUE(prepared->links.empty());
  EXPECT_EQ(prepared->reports_json, "[]");
  EXPECT_EQ(prepared->body_json, "");
  EXPECT_EQ(prepared->offered_json, "[]");
  EXPECT_FALSE(prepared->links_expire_at);
}

}  // namespace
}  // namespace ssrlink::test
