// Requests and configurations whose bytes are not UTF-8 are named as such ("not valid UTF-8",
// with the byte offset or the key), never as a JSON syntax error, at every parser that reads host
// JSON: the configuration, the page request, the actor of audited calls, the sweep request, and
// parse_json_object, which the credential and notification requests use (their services' own
// tests cover those paths).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/audit/actor.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/json/json_fields.hpp"
#include "core/report_page/page_request.hpp"
#include "core/sweep/sweep_request.hpp"

namespace ssrlink::core {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct entry_point {
  const char *name;
  std::function<void(std::string_view)> parse;
  std::string valid;  // a request this parser accepts
};

std::vector<entry_point> entry_points() {
  return {
      {"parse_json_object", [](std::string_view t) { parse_json_object(t, "The request"); },
       R"({"scope": "district"})"},
      {"parse_config", [](std::string_view t) { parse_config(t); },
       R"({"odbc": "DSN=x", "seal_key_file": "/tmp/seal.key",
           "ets": {"base_url": "https://caaspp-aws.ets.org/api/v1", "link_hosts": ["a.org"]}})"},
      {"parse_page_request", [](std::string_view t) { parse_page_request(t); },
       R"({"student_id": 1, "viewer": {"role": "admin", "user_id": "a"}})"},
      {"take_actor", [](std::string_view t) { take_actor(t, "The request"); },
       R"({"actor": {"role": "admin", "user_id": "a"}, "scope": "district"})"},
      {"parse_sweep_request", [](std::string_view t) { parse_sweep_request(t, "w1"); },
       R"({"scope": "district"})"},
  };
}

std::string message_of(const entry_point &entry, std::string_view text) {
  try {
    entry.parse(text);
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::invalid_argument) << entry.name;
    return error.what();
  }
  ADD_FAILURE() << entry.name << " accepted " << text;
  return {};
}

TEST(Utf8EntryPoints, TheValidRequestsParse) {
  for (const auto &entry : entry_points()) {
    EXPECT_NO_THROW(entry.parse(entry.valid)) << entry.name;
  }
}

TEST(Utf8EntryPoints, BadBytesOutsideStringsAreNamedWithTheirOffset) {
  for (const auto &entry : entry_points()) {
    // A Latin-1 no-break space where JSON allows only ASCII whitespace.
    const std::string latin1_space = "{\xA0" + entry.valid.substr(1);
    const std::string message = message_of(entry, latin1_space);
    EXPECT_THAT(message, HasSubstr("is not valid UTF-8 (the first bad byte is at offset 1)"))
        << entry.name;
    EXPECT_THAT(message, Not(HasSubstr("not valid JSON"))) << entry.name;
    // Bytes after the object.
    const std::string trailing = entry.valid + "\xFF";
    EXPECT_THAT(message_of(entry, trailing),
                HasSubstr("at offset " + std::to_string(entry.valid.size())))
        << entry.name;
  }
}

TEST(Utf8EntryPoints, BadBytesInsideStringsNameTheKey) {
  for (const auto &entry : entry_points()) {
    // A Latin-1 "é" in a key the parser would otherwise reject as unknown: UTF-8 comes first.
    const std::string text =
        entry.valid.substr(0, entry.valid.size() - 1) + R"(, "note": "caf)" + "\xE9" + "\"}";
    const std::string message = message_of(entry, text);
    EXPECT_THAT(message, HasSubstr("\"note\" is not valid UTF-8")) << entry.name;
  }
}

TEST(Utf8EntryPoints, AStringCutOffMidCharacterIsUtf8NotSyntax) {
  for (const auto &entry : entry_points()) {
    const std::string text = R"({"scope": "distr)" + std::string("\xE2\x82");  // no closing quote
    const std::string message = message_of(entry, text);
    EXPECT_THAT(message, HasSubstr("not valid UTF-8 (the first bad byte is at offset 16)"))
        << entry.name;
  }
}

TEST(Utf8EntryPoints, ValidUtf8WithASyntaxErrorIsStillASyntaxError) {
  for (const auto &entry : entry_points()) {
    const std::string message = message_of(entry, R"({"scope": "café", })");
    EXPECT_THAT(message, HasSubstr("not valid JSON")) << entry.name;
    EXPECT_THAT(message, Not(HasSubstr("UTF-8"))) << entry.name;
  }
}

}  // namespace
}  // namespace ssrlink::core
