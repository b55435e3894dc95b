// The "html" object of a notification list request (manager_request.hpp): one test per rule,
// each refusal naming its key.
#include "core/sweep/manager_request.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ssrlink::testing {
namespace {

using namespace ssrlink::core;

manager_form parsed(std::string_view json) {
  return parse_manager_form(boost::json::parse(json).as_object());
}

// The sentence a refused object gets; "accepted" when none.
std::string refusal(std::string_view json) {
  try {
    parsed(json);
  } catch (const failure &f) {
    EXPECT_EQ(f.code(), status::invalid_argument) << json;
    return f.what();
  }
  return "accepted";
}

TEST(ManagerRequest, ReadsTheActionUrlHiddenFieldsInOrderAndTheLanguage) {
  const manager_form form = parsed(
      R"({"action_url": "/staff/notice", "hidden": {"route": "m", "csrf": "", "a[b]": "x"},
          "language": "es-MX"})");
  EXPECT_EQ(form.action_url, "/staff/notice");
  ASSERT_EQ(form.hidden.size(), 3u);
  EXPECT_EQ(form.hidden[0], (std::pair<std::string, std::string>{"route", "m"}));
  EXPECT_EQ(form.hidden[1], (std::pair<std::string, std::string>{"csrf", ""}));
  EXPECT_EQ(form.hidden[2], (std::pair<std::string, std::string>{"a[b]", "x"}));
  EXPECT_EQ(form.language, ui_language::es);
  EXPECT_EQ(parsed(R"({"action_url": "/x"})").language, ui_language::en);
  EXPECT_TRUE(parsed(R"({"action_url": "/x"})").hidden.empty());
}

TEST(ManagerRequest, Rule1TheActionUrlIsARequiredStringOfBoundedSize) {
  EXPECT_EQ(refusal("{}"), "\"html.action_url\" is required.");
  EXPECT_EQ(refusal(R"({"action_url": 3})"), "\"html.action_url\" must be a string.");
  EXPECT_EQ(refusal(R"({"action_url": ""})"), "\"html.action_url\" must be 1 to 2048 bytes.");
  EXPECT_EQ(refusal(R"({"action_url": "/)" + std::string(2048, 'a') + "\"}"),
            "\"html.action_url\" must be 1 to 2048 bytes.");
  EXPECT_EQ(refusal(R"({"action_url": "/)" + std::string(2047, 'a') + "\"}"), "accepted");
}

TEST(ManagerRequest, Rule2TheActionUrlHoldsNothingAUrlMustEncode) {
  const std::string must_be =
      "\"html.action_url\" must be a URL without spaces, quotes, angle brackets, backslashes or "
      "control characters (percent-encode them).";
  for (const std::string_view bad :
       {R"("/a b")", R"("/a\"b")", R"("/a'b")", R"("/a<b")", R"("/a>b")", R"("/a\\b")", R"("/a`b")",
        R"("/a\tb")", R"("/a\nb")", R"("/a\u007fb")", R"("/a{b}")", R"("/a|b")", R"("/a^b")"}) {
    EXPECT_EQ(refusal(std::string(R"({"action_url": )") + std::string(bad) + "}"), must_be) << bad;
  }
  EXPECT_EQ(refusal(R"({"action_url": "/a%20b?x=1&y=%22#top"})"), "accepted");
}

TEST(ManagerRequest, Rule3TheActionUrlIsHttpWithAHostOrRelativeWithoutAScheme) {
  for (const std::string_view good :
       {"https://sis.example.org/ssr/queue", "HTTP://sis/q", "http://10.0.0.1:8080/q", "/q",
        "queue.php?x=1", "?route=queue", "#", "a/b:c", "./q"}) {
    EXPECT_EQ(refusal(std::string(R"({"action_url": ")") + std::string(good) + "\"}"), "accepted")
        << good;
  }
  const std::string must_be =
      "\"html.action_url\" must be an http or https URL with a host, or a relative path such as "
      "\"/ssrlink/queue\".";
  for (const std::string_view bad :
       {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.example/q",
        "https://", "https:///path", "https://?q", "ftp://host/q", "mailto:a@b", "vbscript:x"}) {
    EXPECT_EQ(refusal(std::string(R"({"action_url": ")") + std::string(bad) + "\"}"), must_be)
        << bad;
  }
}

TEST(ManagerRequest, Rule4HiddenIsAnObjectOfBoundedSize) {
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": ["a"]})"),
            "\"html.hidden\" must be a JSON object.");
  std::string many = R"({"action_url": "/q", "hidden": {)";
  for (int i = 0; i < 21; ++i) {
    // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict) on "literal" + std::string.
    many += i == 0 ? "" : ",";
    many += "\"f";
    many += std::to_string(i);
    many += "\": \"v\"";
  }
  EXPECT_EQ(refusal(many + "}}"), "\"html.hidden\" must have at most 20 fields.");
}

TEST(ManagerRequest, Rule5HiddenNamesArePlainAndNotTheFragmentsOwn) {
  const std::string must_be =
      "\"html.hidden\" must name its fields with 1 to 64 letters, digits or _ - . : [ ].";
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {"": "v"}})"), must_be);
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {"a b": "v"}})"), must_be);
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {"\"><x": "v"}})"), must_be);
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {"é": "v"}})"), must_be);
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {")" + std::string(65, 'n') + "\": \"v\"}}"),
            must_be);
  for (const std::string_view own : reserved_field_names) {
    EXPECT_EQ(refusal(std::string(R"({"action_url": "/q", "hidden": {")") + std::string(own) +
                      "\": \"v\"}}"),
              "\"html.hidden." + std::string(own) +
                  "\" is a field the fragment writes itself; give the host's field another name.");
  }
}

TEST(ManagerRequest, Rule6HiddenValuesAreBoundedStringsWithoutControlCharacters) {
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {"csrf": 5}})"),
            "\"html.hidden.csrf\" must be a string.");
  EXPECT_EQ(
      refusal(R"({"action_url": "/q", "hidden": {"csrf": ")" + std::string(1025, 'v') + "\"}}"),
      "\"html.hidden.csrf\" must be at most 1024 bytes.");
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {"csrf": "a\nb"}})"),
            "\"html.hidden.csrf\" must not contain control characters.");
  EXPECT_EQ(refusal(R"({"action_url": "/q", "hidden": {"csrf": "a\u202eb"}})"),
            "\"html.hidden.csrf\" must not contain control characters.");
  // Quotes and angle brackets are ordinary text, escaped where they are written.
  EXPECT_EQ(parsed(R"({"action_url": "/q", "hidden": {"csrf": "\"><script>"}})").hidden[0].second,
            "\"><script>");
  // A null field is absent.
  EXPECT_TRUE(parsed(R"({"action_url": "/q", "hidden": {"csrf": null}})").hidden.empty());
}

TEST(ManagerRequest, Rule7TheLanguageIsReadAsThePageReadsIt) {
  EXPECT_EQ(parsed(R"({"action_url": "/q", "language": "ES"})").language, ui_language::es);
  EXPECT_EQ(parsed(R"({"action_url": "/q", "language": "vi"})").language, ui_language::en);
  EXPECT_EQ(refusal(R"({"action_url": "/q", "language": 1})"),
            "\"html.language\" must be a string.");
  EXPECT_EQ(refusal(R"({"action_url": "/q", "language": ")" + std::string(36, 'e') + "\"}"),
            "\"html.language\" must be a language tag such as \"en\" or \"es\".");
}

TEST(ManagerRequest, Rule8NoOtherKey) {
  const std::string message = refusal(R"({"action_url": "/q", "method": "get"})");
  EXPECT_NE(message.find("html.method"), std::string::npos) << message;
}

}  // namespace
}  // namespace ssrlink::testing
