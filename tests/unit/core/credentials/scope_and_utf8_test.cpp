// Scopes given as JSON integers (hosts whose school codes are integers) and request bytes that
// are not UTF-8, for each credential call: put, status and test connection.
#include <gmock/gmock.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class scope_and_utf8_test : public credentials_fixture {};

TEST_F(scope_and_utf8_test, an_integer_scope_is_its_decimal_text_in_every_call) {
  const auto stored = call(
      admin.put(R"({"scope": 12, "username": "school-user", "secret_key": "SchoolSecret12"})"));
  EXPECT_EQ(stored.at("scope"), "12");
  ASSERT_EQ(store.rows().count("12"), 1U);
  EXPECT_EQ(sealer->open(store.rows().at("12").sealed_secret, "12"), "SchoolSecret12");

  const auto listed = call(admin.status(R"({"scope": 12})"));
  ASSERT_EQ(listed.at("scopes").as_array().size(), 1U);
  EXPECT_EQ(listed.at("scopes").as_array()[0].at("scope"), "12");
  // The string and the integer name the same scope.
  EXPECT_EQ(call(admin.status(R"({"scope": "12"})")), listed);

  // No pair for school 99: the call got as far as the store, so the integer was taken.
  const failure missing = thrown([&] { admin.test_connection(R"({"scope": 99})"); });
  EXPECT_EQ(missing.code(), status::not_found);
  EXPECT_THAT(missing.what(), HasSubstr("99"));
}

TEST_F(scope_and_utf8_test, negative_fractional_huge_and_boolean_scopes_are_refused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"-12", "\"scope\" must not be negative (got -12)."},
      {"12.5",
       "\"scope\" must be a string or a whole number without a fraction or an exponent "
       "(got 12.5)."},
      {"123456789012345678901234567890", "send a larger code as a string"},
      {"9007199254740992", "\"scope\" must be at most 9007199254740991"},
      {"true", "\"scope\" must be a string or a whole number, not true or false."},
      {"[12]", "\"scope\" must be a string or a whole number, not an array."},
  };
  // Not a structured binding: clang 14 cannot capture one in a lambda.
  for (const auto &one_case : cases) {
    const std::string &scope = one_case.first;
    const std::string &sentence = one_case.second;
    for (const auto &call_it : std::vector<std::function<void()>>{
             [&] {
               admin.put(R"({"scope": )" + scope + R"(, "username": "u", "secret_key": "s"})");
             },
             [&] { admin.status(R"({"scope": )" + scope + "}"); },
             [&] { admin.test_connection(R"({"scope": )" + scope + "}"); }}) {
      const failure refused = thrown(call_it);
      EXPECT_EQ(refused.code(), status::invalid_argument) << scope;
      EXPECT_THAT(refused.what(), HasSubstr(sentence)) << scope;
    }
  }
  EXPECT_TRUE(store.rows().empty());
}

TEST_F(scope_and_utf8_test, bytes_that_are_not_utf8_are_named_in_every_call) {
  // Latin-1 text: a no-break space (0xA0) as whitespace, and an "é" (0xE9) inside a string.
  const std::string outside =
      "{\xA0\"scope\": \"district\", \"username\": \"u\", \"secret_key\": \"s\"}";
  const std::string inside = R"({"scope": "district", "username": "jos)" + std::string("\xE9") +
                             R"(", "secret_key": "s"})";
  for (const auto &call_it : std::vector<std::function<void(const std::string &)>>{
           [&](const std::string &r) { admin.put(r); },
           [&](const std::string &r) { admin.status(r); },
           [&](const std::string &r) { admin.test_connection(r); }}) {
    const failure before = thrown([&] { call_it(outside); });
    EXPECT_EQ(before.code(), status::invalid_argument);
    EXPECT_THAT(before.what(), HasSubstr("is not valid UTF-8 (the first bad byte is at offset 1)"));
    EXPECT_THAT(before.what(), Not(HasSubstr("not valid JSON")));
    const failure within = thrown([&] { call_it(inside); });
    EXPECT_THAT(within.what(), HasSubstr("\"username\" is not valid UTF-8"));
  }
  EXPECT_TRUE(store.rows().empty());
}

}  // namespace
}  // namespace ssrlink::core::testing
