// The wire profile document: the built-in one, a deliberately different one, and every way a
// district's file can be wrong (each refused with a sentence that names the key).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "core/error.hpp"
#include "ets/wire.hpp"

namespace ssrlink::ets::wire {
namespace {

const std::string profiles_dir = SSRLINK_TEST_WIRE_PROFILES_DIR;

// The built-in document with one change made by `edit`, serialized again.
template <class Edit>
std::string edited(Edit edit) {
  boost::json::value doc = boost::json::parse(default_profile_document());
  edit(doc.as_object());
  return boost::json::serialize(doc);
}

// The sentence parse_profile refuses `document` with ("" when it was accepted).
std::string refusal(const std::string &document) {
  try {
    parse_profile(document, "district.json");
  } catch (const core::failure &f) {
    EXPECT_EQ(f.code(), core::status::config);
    return f.what();
  }
  return {};
}

TEST(wire_profile, the_built_in_profile_is_the_documented_contract) {
  const profile &p = default_profile();
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.token.path, "/token");
  EXPECT_EQ(p.token.encoding, token_encoding::json);
  EXPECT_EQ(p.token.username_field, "username");
  EXPECT_EQ(p.token.secret_key_field, "secretKey");
  EXPECT_TRUE(p.token.constants.empty());
  EXPECT_EQ(dotted(p.token.token), "token");
  EXPECT_EQ(dotted(p.token.expires_in), "expiresIn");
  EXPECT_EQ(p.reports.path, "/scorereports");
  EXPECT_EQ(p.reports.ssid_parameter, "ssid");
  EXPECT_EQ(p.reports.authorization_header, "Authorization");
  EXPECT_EQ(p.reports.authorization_prefix, "Bearer ");
  EXPECT_EQ(dotted(p.reports.ssid), "ssid");
  EXPECT_EQ(dotted(p.reports.reports), "reports");
  EXPECT_EQ(dotted(p.reports[item_field::url]), "url");
  EXPECT_EQ(dotted(p.reports[item_field::report_type]), "reportType");
  EXPECT_EQ(dotted(p.reports[item_field::year]), "administrationYear");
  EXPECT_EQ(dotted(p.reports[item_field::expires_at]), "expiresAt");
  EXPECT_EQ(dotted(p.errors.code), "errorCode");
  ASSERT_EQ(p.errors.codes.size(), 5U);
  EXPECT_EQ(p.errors.codes[1].first, "NO_TEST_DATA");
  EXPECT_EQ(p.errors.codes[1].second, core::ets_error::no_test_data);
}

TEST(wire_profile, the_alternate_test_profile_reads_with_nested_places_and_a_form_token) {
  const profile p = load_profile_file(profiles_dir + "/alternate.json");
  EXPECT_EQ(p.token.path, "/oauth2/token");
  EXPECT_EQ(p.token.encoding, token_encoding::form);
  ASSERT_EQ(p.token.constants.size(), 1U);
  EXPECT_EQ(p.token.constants[0].first, "grant_type");
  EXPECT_EQ(p.token.constants[0].second, "client_credentials");
  EXPECT_EQ(p.reports.ssid, (field_path{"student", "ssid"}));
  EXPECT_EQ(p.reports.reports, (field_path{"data", "scoreReports"}));
  EXPECT_EQ(p.reports[item_field::expires_at], (field_path{"link", "expiresAt"}));
  EXPECT_EQ(p.errors.code, (field_path{"error", "code"}));
}

TEST(wire_profile, requests_follow_the_profile) {
  const profile p = load_profile_file(profiles_dir + "/alternate.json");
  const core::ets_credentials c{"district", "district user", "s3cret&key=1", "set-1"};
  const request_spec token = token_request(p, "/api/v1", c);
  EXPECT_TRUE(token.post);
  EXPECT_EQ(token.target, "/api/v1/oauth2/token");
  EXPECT_EQ(
      token.body,
      "grant_type=client_credentials&client_id=district%20user&client_secret=s3cret%26key%3D1");
  ASSERT_FALSE(token.headers.empty());
  EXPECT_EQ(token.headers[0].second, "application/x-www-form-urlencoded");
  const request_spec reports = reports_request(p, "/api/v1", "1234567890", "tok");
  EXPECT_EQ(reports.target, "/api/v1/students/score-reports?studentId=1234567890");
  EXPECT_NE(std::find(reports.headers.begin(), reports.headers.end(),
                      std::pair<std::string, std::string>{"X-ETS-Authorization", "Token tok"}),
            reports.headers.end());
}

TEST(wire_profile, answers_are_read_at_the_profiles_places) {
  const profile p = load_profile_file(profiles_dir + "/alternate.json");
  const auto grant = parse_token_response(p, 200, R"({"access_token":"abc","expires_in":600})");
  ASSERT_TRUE(std::holds_alternative<token_grant>(grant));
  EXPECT_EQ(std::get<token_grant>(grant).token, "abc");
  EXPECT_EQ(std::get<token_grant>(grant).expires_in, std::chrono::seconds(600));
  // The default's names are not read under another profile.
  EXPECT_TRUE(std::holds_alternative<core::ets_failure>(
      parse_token_response(p, 200, R"({"token":"abc","expiresIn":600})")));

  const core::time_point now{std::chrono::milliseconds{1558372500000}};
  const auto page = parse_reports_response(
      p,
      R"({"student":{"ssid":"1234567890"},"data":{"scoreReports":[{"downloadUrl":"https://h/a",
          "fileFormat":"PDF","languageCode":"ENG","testCode":"SB","schoolYear":"2018-19",
          "link":{"expiresAt":"2019-05-20T17:45:00Z"}}]}})",
      "1234567890", now);
  ASSERT_TRUE(std::holds_alternative<reports_page>(page));
  const auto &link = std::get<reports_page>(page).reports.at(0);
  EXPECT_EQ(link.url, "https://h/a");
  EXPECT_EQ(link.test, "SB");
  EXPECT_EQ(link.expires_at, now + std::chrono::minutes(30));

  // A different SSID at the profile's place is still refused: no profile turns that check off.
  const auto other = parse_reports_response(
      p, R"({"student":{"ssid":"1234567899"},"data":{"scoreReports":[]}})", "1234567890", now);
  ASSERT_TRUE(std::holds_alternative<core::ets_failure>(other));
  EXPECT_EQ(std::get<core::ets_failure>(other).detail, "report response names a different SSID");

  const auto error = map_error(p, 404, R"({"error":{"code":"NO_SCORES","description":"none"}})");
  EXPECT_EQ(error.error, core::ets_error::no_test_data);
  EXPECT_EQ(error.fault, core::ets_fault::answered);
  EXPECT_EQ(map_error(p, 404, R"({"errorCode":"NO_TEST_DATA"})").error,
            core::ets_error::processing_error);
}

TEST(wire_profile, the_summary_line_names_the_profiles_fields) {
  const profile p = load_profile_file(profiles_dir + "/alternate.json");
  item_counts counts;
  counts.received = 2;
  counts.kept = 1;
  counts.missing_field = 1;
  counts.missing[0] = 1;
  EXPECT_EQ(describe(p, counts),
            "1 of 2 items kept; skipped: 1 missing a required field (downloadUrl 1)");
}

TEST(wire_profile, every_key_is_required_and_named_when_missing) {
  EXPECT_EQ(refusal(edited(
                [](auto &o) { o.at("reports").as_object().at("item").as_object().erase("url"); })),
            "\"ets.wire_profile\" (district.json): \"reports.item.url\" is missing; every key of "
            "the profile is required (docs/ets-protocol.md).");
  EXPECT_NE(refusal(edited([](auto &o) { o.erase("errors"); })).find("\"errors\" is missing"),
            std::string::npos);
}

TEST(wire_profile, an_unknown_or_misspelt_key_is_refused) {
  const std::string why = refusal(edited([](auto &o) {
    o.at("token").as_object().at("answer").as_object()["expires"] = "expiresIn";
  }));
  EXPECT_NE(why.find("\"token.answer.expires\" is not a key of a version 1 profile"),
            std::string::npos)
      << why;
}

TEST(wire_profile, bad_values_are_refused_naming_the_key) {
  const auto why = [](const char *key, auto edit) {
    const std::string text = refusal(edited(edit));
    EXPECT_NE(text.find(std::string("\"") + key + "\""), std::string::npos) << text;
  };
  why("ssrlink_wire_profile", [](auto &o) { o["ssrlink_wire_profile"] = 2; });
  why("token.path", [](auto &o) { o.at("token").as_object()["path"] = "token"; });
  why("token.path", [](auto &o) { o.at("token").as_object()["path"] = "/token?x=1"; });
  why("token.encoding", [](auto &o) { o.at("token").as_object()["encoding"] = "xml"; });
  why("token.username", [](auto &o) { o.at("token").as_object()["username"] = "user name"; });
  why("reports.ssid_parameter",
      [](auto &o) { o.at("reports").as_object()["ssid_parameter"] = "ssid="; });
  why("reports.authorization.header", [](auto &o) {
    o.at("reports").as_object().at("authorization").as_object()["header"] = "Auth\r\nX: y";
  });
  why("reports.answer.reports", [](auto &o) {
    o.at("reports").as_object().at("answer").as_object()["reports"] = "data..reports";
  });
  why("reports.item.format",
      [](auto &o) { o.at("reports").as_object().at("item").as_object()["format"] = 7; });
  why("errors.codes.NO_TEST_DATA", [](auto &o) {
    o.at("errors").as_object().at("codes").as_object()["NO_TEST_DATA"] = "no_data";
  });
  EXPECT_NE(refusal("[1, 2]").find("is not a JSON object"), std::string::npos);
  EXPECT_NE(refusal("{\"ssrlink_wire_profile\": 1,").find("is not a JSON object"),
            std::string::npos);
}

TEST(wire_profile, a_file_that_cannot_be_read_is_named) {
  try {
    load_profile_file(profiles_dir + "/no-such-profile.json");
    ADD_FAILURE() << "accepted a missing file";
  } catch (const core::failure &f) {
    EXPECT_EQ(f.code(), core::status::config);
    EXPECT_NE(std::string(f.what()).find("no-such-profile.json\", which cannot be read"),
              std::string::npos);
  }
}

TEST(wire_profile, the_mismatched_test_profile_differs_from_the_alternate_in_one_place_only) {
  const profile a = load_profile_file(profiles_dir + "/alternate.json");
  const profile m = load_profile_file(profiles_dir + "/mismatched.json");
  EXPECT_EQ(dotted(m.reports[item_field::url]), "downloadLink");
  for (std::size_t i = 1; i < item_field_count; ++i) {
    EXPECT_EQ(a.reports.item[i], m.reports.item[i]) << i;
  }
  EXPECT_EQ(a.token.path, m.token.path);
  EXPECT_EQ(a.reports.reports, m.reports.reports);
}

}  // namespace
}  // namespace ssrlink::ets::wire
