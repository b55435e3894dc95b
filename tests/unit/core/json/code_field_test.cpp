// Scopes and school codes as strings or JSON integers (json_fields.hpp, read_code), through the
// one helper every request uses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <functional>

#include "core/error.hpp"
#include "core/json/json_fields.hpp"

namespace ssrlink::core {
namespace {

using ::testing::HasSubstr;

code_reading read(std::string_view json_value) {
  return read_code(boost::json::parse(json_value), max_code_bytes);
}

std::string problem_of(std::string_view json_value) {
  const code_reading code = read(json_value);
  EXPECT_FALSE(code.text) << json_value;
  return code.problem;
}

TEST(ReadCode, StringsAndWholeNumbersBecomeTheirText) {
  EXPECT_EQ(read(R"("district")").text, "district");
  EXPECT_EQ(read(R"("0042")").text, "0042");  // a string keeps its leading zeros
  EXPECT_EQ(read("12").text, "12");
  EXPECT_EQ(read("0").text, "0");
  EXPECT_EQ(read("9007199254740991").text, "9007199254740991");  // 2^53 - 1
}

TEST(ReadCode, RefusesWhatIsNotACodeWithASentence) {
  EXPECT_EQ(problem_of("-3"), "must not be negative (got -3)");
  EXPECT_EQ(problem_of("-9223372036854775808"), "must not be negative (got -9223372036854775808)");
  EXPECT_EQ(problem_of("12.5"),
            "must be a string or a whole number without a fraction or an exponent (got 12.5)");
  EXPECT_THAT(problem_of("12.0"), HasSubstr("without a fraction"));
  EXPECT_THAT(problem_of("1e3"), HasSubstr("(got 1000)"));
  EXPECT_THAT(problem_of("9007199254740992"), HasSubstr("must be at most 9007199254740991"));
  EXPECT_THAT(problem_of("18446744073709551615"), HasSubstr("send a larger code as a string"));
  EXPECT_THAT(problem_of("123456789012345678901234567890"), HasSubstr("must be at most"));
  EXPECT_THAT(problem_of("-123456789012345678901234567890"), HasSubstr("must not be negative"));
  EXPECT_EQ(problem_of("true"), "must be a string or a whole number, not true or false");
  EXPECT_EQ(problem_of("false"), "must be a string or a whole number, not true or false");
  EXPECT_EQ(problem_of("[12]"), "must be a string or a whole number, not an array");
  EXPECT_EQ(problem_of(R"({"code": 12})"), "must be a string or a whole number, not a JSON object");
  EXPECT_EQ(problem_of(R"("")"), "must not be empty");
  EXPECT_EQ(problem_of(R"("a\nb")"), "must not contain control characters");
  EXPECT_THAT(read_code(boost::json::parse(R"("abcdefghijklmnopq")"), 16).problem,
              HasSubstr("at most 16 bytes"));
}

std::string failure_of(const std::function<void()> &call) {
  try {
    call();
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::invalid_argument);
    return error.what();
  }
  ADD_FAILURE() << "no failure";
  return {};
}

TEST(JsonFieldsCode, NamesTheKeyInEverySentence) {
  const auto object = parse_json_object(
      R"({"scope": 12, "text": "0100", "neg": -1, "frac": 12.5, "yes": true, "big": 1e300})",
      "The request");
  json_fields fields(object, "", status::invalid_argument);
  EXPECT_EQ(fields.required_code("scope", max_code_bytes), "12");
  EXPECT_EQ(fields.optional_code("text", max_code_bytes), "0100");
  EXPECT_EQ(fields.optional_code("absent", max_code_bytes), std::nullopt);
  EXPECT_EQ(failure_of([&] { fields.optional_code("neg", max_code_bytes); }),
            "\"neg\" must not be negative (got -1).");
  EXPECT_EQ(failure_of([&] { fields.optional_code("frac", max_code_bytes); }),
            "\"frac\" must be a string or a whole number without a fraction or an exponent (got "
            "12.5).");
  EXPECT_EQ(failure_of([&] { fields.optional_code("yes", max_code_bytes); }),
            "\"yes\" must be a string or a whole number, not true or false.");
  EXPECT_THAT(failure_of([&] { fields.optional_code("big", max_code_bytes); }),
              HasSubstr("\"big\" must be at most 9007199254740991"));
  EXPECT_EQ(failure_of([&] { fields.required_code("missing", max_code_bytes); }),
            "\"missing\" is required.");
  fields.reject_unknown();  // every key above was read
}

TEST(JsonFieldsCode, CodeArraysUseTheSameRules) {
  const auto object = parse_json_object(
      R"({"ok": [1, "2", 30], "neg": [1, -2], "frac": [3.5], "flag": [false], "bad": "1"})",
      "The request");
  json_fields fields(object, "viewer.", status::invalid_argument);
  EXPECT_EQ(fields.optional_code_array("ok"), (std::vector<std::string>{"1", "2", "30"}));
  EXPECT_EQ(failure_of([&] { fields.optional_code_array("neg"); }),
            "\"viewer.neg\" holds a school code (item 1) that must not be negative (got -2).");
  EXPECT_THAT(failure_of([&] { fields.optional_code_array("frac"); }),
              HasSubstr("(item 0) that must be a string or a whole number without a fraction"));
  EXPECT_THAT(failure_of([&] { fields.optional_code_array("flag"); }),
              HasSubstr("not true or false"));
  EXPECT_THAT(failure_of([&] { fields.optional_code_array("bad"); }),
              HasSubstr("must be an array of school codes"));
}

}  // namespace
}  // namespace ssrlink::core
