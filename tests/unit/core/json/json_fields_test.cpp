#include "core/json/json_fields.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ssrlink::core {
namespace {

using ::testing::HasSubstr;

// Runs `body` and returns the failure it throws (the test fails when it throws none).
template <class Body>
failure thrown_by(Body body) {
  try {
    body();
  } catch (const failure &error) {
    return error;
  }
  ADD_FAILURE() << "expected a failure";
  return failure(status::ok, "");
}

TEST(JsonFields, ParsesObjectsOnly) {
  EXPECT_EQ(parse_json_object(R"({"a": 1})", "The request").size(), 1u);
  auto error = thrown_by([] { parse_json_object("[1]", "The request"); });
  EXPECT_EQ(error.code(), status::invalid_argument);
  EXPECT_THAT(error.what(), HasSubstr("The request must be a JSON object"));
  error = thrown_by([] { parse_json_object(R"({"a": )", "The request"); });
  EXPECT_THAT(error.what(), HasSubstr("not valid JSON"));
}

TEST(JsonFields, RefusesInvalidUtf8DeepNestingAndOversizedText) {
  EXPECT_EQ(thrown_by([] { parse_json_object("{\"a\": \"\xc3\x28\"}", "R"); }).code(),
            status::invalid_argument);
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  EXPECT_EQ(thrown_by([&] { parse_json_object("{\"a\": " + deep + "}", "R"); }).code(),
            status::invalid_argument);
  const std::string big = R"({"a": ")" + std::string(max_request_bytes, 'x') + R"("})";
  EXPECT_THAT(thrown_by([&] { parse_json_object(big, "R"); }).what(), HasSubstr("larger than"));
}

TEST(JsonFields, ReadsTypedValuesAndTreatsNullAsAbsent) {
  const auto object = parse_json_object(
      R"({"s": "x", "b": true, "i": 42, "o": {"k": 1}, "a": ["p", "q"], "n": null})", "R");
  json_fields fields(object, "", status::invalid_argument);
  EXPECT_EQ(fields.required_string("s"), "x");
  EXPECT_EQ(fields.optional_bool("b"), true);
  EXPECT_EQ(fields.required_int("i", 0, 100), 42);
  EXPECT_EQ(fields.required_object("o").size(), 1u);
  EXPECT_EQ(fields.optional_string_array("a"), (std::vector<std::string>{"p", "q"}));
  EXPECT_FALSE(fields.optional_int("n", 0, 1).has_value());
  EXPECT_FALSE(fields.optional_string("missing").has_value());
  EXPECT_NO_THROW(fields.reject_unknown());
}

TEST(JsonFields, NamesTheKeyInEveryComplaint) {
  const auto object =
      parse_json_object(R"({"s": 1, "i": 1000, "f": 1.5, "arr": [1], "extra": 0})", "R");
  json_fields fields(object, "viewer.", status::config);
  auto error = thrown_by([&] { fields.required_string("s"); });
  EXPECT_EQ(error.code(), status::config);
  EXPECT_STREQ(error.what(), "\"viewer.s\" must be a string.");
  EXPECT_THAT(thrown_by([&] { fields.required_int("i", 0, 10); }).what(),
              HasSubstr("\"viewer.i\" must be between 0 and 10"));
  EXPECT_THAT(thrown_by([&] { fields.required_int("f", 0, 10); }).what(),
              HasSubstr("\"viewer.f\" must be a whole number"));
  EXPECT_THAT(thrown_by([&] { fields.optional_string_array("arr"); }).what(),
              HasSubstr("\"viewer.arr\" must be an array of strings"));
  EXPECT_THAT(thrown_by([&] { fields.required_string("absent"); }).what(),
              HasSubstr("\"viewer.absent\" is required"));
  EXPECT_THAT(thrown_by([&] { fields.reject_unknown(); }).what(),
              HasSubstr("Unknown key \"viewer.extra\""));
}

}  // namespace
}  // namespace ssrlink::core
