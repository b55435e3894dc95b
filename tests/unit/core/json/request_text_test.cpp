// Text hygiene: every request string valid UTF-8 without NUL, identifiers without control
// characters and within their length, each failure naming the key.
#include "core/json/request_text.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/json/json_fields.hpp"

namespace ssrlink::core {
namespace {

std::string parse_error(std::string_view text) {
  try {
    parse_json_object(text, "The request");
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::invalid_argument);
    return error.what();
  }
  return "";
}

TEST(RequestText, InvalidUtf8IsNamedWithItsKey) {
  const std::string bad = "{\"viewer\": {\"user_id\": \"jos\xE9\"}}";  // Latin-1 é
  const std::string message = parse_error(bad);
  EXPECT_NE(message.find("\"viewer.user_id\" is not valid UTF-8"), std::string::npos) << message;
  EXPECT_NE(parse_error("{\"tags\": [\"ok\", \"\xC0\xAF\"]}").find("\"tags[1]\""),
            std::string::npos);  // overlong
  EXPECT_NE(parse_error("{\"x\": \"\xED\xA0\x80\"}").find("UTF-8"),
            std::string::npos);  // surrogate
  EXPECT_NE(parse_error("{\"k\xFF\": 1}").find("A key"), std::string::npos);
  EXPECT_EQ(parse_error("{\"user_id\": \"jos\xC3\xA9 \xF0\x9F\x98\x80\"}"), "");  // é and an emoji
}

TEST(RequestText, NulInsideAStringIsRefused) {
  const std::string message =
      parse_error(R"({"viewer": {"role": "parent", "user_id": "p-1\u0000admin"}})");
  EXPECT_NE(message.find("\"viewer.user_id\" contains a NUL character"), std::string::npos)
      << message;
}

TEST(RequestText, IdentifiersHoldNoControlCharactersAndFitTheirLimit) {
  EXPECT_EQ(identifier_problem("p-1010-1", max_user_id_bytes), std::nullopt);
  EXPECT_EQ(identifier_problem("jos\xC3\xA9", max_user_id_bytes), std::nullopt);
  EXPECT_EQ(identifier_problem(std::string(128, 'u'), max_user_id_bytes), std::nullopt);
  EXPECT_TRUE(identifier_problem(std::string(129, 'u'), max_user_id_bytes));
  EXPECT_TRUE(identifier_problem("", max_user_id_bytes));
  for (const std::string &bad : {std::string("a\r\nb"), std::string("a\tb"), std::string("a\x7F"),
                                 std::string("a\xC2\x85"),              // NEL (C1)
                                 std::string("a\xE2\x80\xA8"),          // U+2028
                                 std::string("adm\xE2\x80\xAEnim")}) {  // U+202E: shows as "admin"
    const auto problem = identifier_problem(bad, max_user_id_bytes);
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("control characters"), std::string::npos);
  }
}

TEST(RequestText, JsonFieldsNameTheIdentifierKey) {
  const auto object = parse_json_object(
      R"({"user_id": "a\nb", "codes": [1, "2", 3.5], "ok": [10, "x"]})", "The request");
  json_fields fields(object, "viewer.", status::invalid_argument);
  try {
    fields.required_identifier("user_id", max_user_id_bytes);
    FAIL();
  } catch (const failure &error) {
    EXPECT_NE(std::string(error.what()).find("\"viewer.user_id\" must not contain control"),
              std::string::npos);
  }
  EXPECT_THROW(fields.optional_code_array("codes"), failure);  // 3.5 is not a school code
  EXPECT_EQ(fields.optional_code_array("ok"), (std::vector<std::string>{"10", "x"}));
}

}  // namespace
}  // namespace ssrlink::core
