// The probe's reading of an answer (wire_probe.cpp), rules 1 to 4: the request line, the
// headers, no answer, and the shape. Rules 5 to 7 are in wire_probe_answers_test.cpp, rule 8
// (hostile answers) in wire_probe_redaction_test.cpp.
#include "wire_probe_test_support.hpp"

namespace ssrlink::ets::wire::probe_test {
namespace {

using lines = std::vector<std::string>;

const core::ets_credentials credentials{"district", "district-user", "s3cr3t-KEY", "set-1"};

// Rule 1.
TEST(wire_probe, the_token_request_names_its_fields_in_the_order_token_request_sends_them) {
  struct expectation {
    const profile *p;
    const char *line;
    std::vector<std::string> sent;  // as they appear in the body
  };
  for (const auto &[p, line, sent] :
       {expectation{&default_profile(),
                    "POST /api/token (json: username, secretKey)",
                    {"\"username\"", "\"secretKey\""}},
        expectation{&alternate(),
                    "POST /api/oauth2/token (form: grant_type, client_id, client_secret)",
                    {"grant_type=", "client_id=", "client_secret="}}}) {
    const request_spec request = token_request(*p, "/api", credentials);
    const std::string described = describe_request(*p, probe_step_kind::token, request);
    EXPECT_EQ(described, line);
    for (std::size_t i = 1; i < sent.size(); ++i) {
      EXPECT_LT(request.body.find(sent[i - 1]), request.body.find(sent[i])) << request.body;
    }
    EXPECT_EQ(described.find("district-user"), std::string::npos);
    EXPECT_EQ(described.find("s3cr3t"), std::string::npos);
  }
}

TEST(wire_probe, the_report_request_names_its_parameter_and_header_but_not_their_values) {
  const std::string token = "tok-SECRET-value";
  const std::string on_default =
      describe_request(default_profile(), probe_step_kind::reports,
                       reports_request(default_profile(), "/api", ssid, token));
  EXPECT_EQ(on_default, "GET /api/scorereports (query: ssid; header: Authorization)");
  const std::string on_alternate = describe_request(
      alternate(), probe_step_kind::reports, reports_request(alternate(), "/api", ssid, token));
  EXPECT_EQ(on_alternate,
            "GET /api/students/score-reports (query: studentId; header: X-ETS-Authorization)");
  for (const std::string &line : {on_default, on_alternate}) {
    EXPECT_EQ(line.find(ssid), std::string::npos);
    EXPECT_EQ(line.find("SECRET"), std::string::npos);
  }
}

// Rule 2.
TEST(wire_probe, only_headers_known_to_carry_no_secret_show_their_value) {
  raw_answer a = answer(200, R"({"token":"t"})", "application/json; charset=utf-8");
  a.headers.insert(a.headers.end(),
                   {{"content-length", "13"},
                    {"Set-Cookie", "session=abcdef; HttpOnly"},
                    {"Location", "https://x.example/f"},
                    {"X-Request-Id", "req-1"},
                    {"WWW-Authenticate", R"(Bearer realm="ets", error="invalid_token")"},
                    {"Authorization", "Bearer t"},
                    {"RETRY-AFTER", "30"},
                    {"Server", "nginx"}});
  const auto step = analyse(default_profile(), probe_step_kind::token, a);
  std::vector<std::pair<std::string, std::string>> shown;
  for (const auto &h : step.headers) {
    shown.emplace_back(h.name, h.value);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Content-Type", "application/json; charset=utf-8"},
      {"content-length", "13"},
      {"Set-Cookie", "(24 bytes, not shown)"},
      {"Location", "(19 bytes, not shown)"},
      {"X-Request-Id", "(5 bytes, not shown)"},
      {"WWW-Authenticate", "Bearer"},
      {"Authorization", "(8 bytes, not shown)"},
      {"RETRY-AFTER", "30"},
      {"Server", "nginx"}};
  EXPECT_EQ(shown, expected);
}

TEST(wire_probe, header_names_and_values_are_printable_and_cut) {
  raw_answer a = answer(200, "{}");
  a.headers = {{std::string("X-\x01\xc3\xa9") + std::string(100, 'n'), "v"},
               {"Server", std::string("a\r\nb\x7f") + std::string(200, 'v')},
               {"WWW-Authenticate", "eyJhbGciOi.J9 realm=x"},
               {"WWW-Authenticate", ""}};
  const auto step = analyse(default_profile(), probe_step_kind::token, a);
  ASSERT_EQ(step.headers.size(), 4u);
  EXPECT_EQ(step.headers[0].name, "X-???" + std::string(59, 'n'));
  EXPECT_EQ(step.headers[0].value, "(1 byte, not shown)");
  EXPECT_EQ(step.headers[1].value, "a??b?" + std::string(115, 'v'));
  EXPECT_EQ(step.headers[2].value, "(scheme withheld)");  // not a scheme: a token, perhaps
  EXPECT_EQ(step.headers[3].value, "(scheme withheld)");
}

TEST(wire_probe, a_flood_of_headers_is_counted_after_the_first_hundred) {
  raw_answer a = answer(200, "{}");
  for (int i = 0; i < 149; ++i) {
    a.headers.emplace_back("X-Pad", "1");
  }
  const auto step = analyse(default_profile(), probe_step_kind::token, a);
  ASSERT_EQ(step.headers.size(), 101u);
  EXPECT_EQ(step.headers.back().name, "...");  // printable ASCII, as every header name
  EXPECT_EQ(step.headers.back().value, "50 more headers not shown");
}

// Rule 3.
TEST(wire_probe, no_answer_reads_nothing_and_leaves_the_transport_failure_to_the_transport) {
  const auto step = analyse(default_profile(), probe_step_kind::reports, answer(0, R"({"a":1})"));
  EXPECT_EQ(step.name, "reports");
  EXPECT_EQ(step.http_status, 0);
  EXPECT_EQ(step.transport_failure, "");
  EXPECT_TRUE(step.shape.empty());
  EXPECT_TRUE(step.found.empty() && step.missing.empty() && step.unknown.empty());
  EXPECT_NE(step.first_mismatch, "");
  EXPECT_EQ(step.verdict, "no answer");
}

// Rule 4.
TEST(wire_probe, the_shape_of_a_golden_token_answer) {
  const auto step = analyse(default_profile(), probe_step_kind::token, 200,
                            R"({"token":"abc","expiresIn":1800})");
  EXPECT_EQ(step.name, "token");
  EXPECT_EQ(step.shape, (lines{"token: string", "expiresIn: number"}));
}

TEST(wire_probe, the_shape_of_a_golden_nested_report_answer_merges_the_items) {
  json::object partial = alternate_item();
  partial.erase("testName");
  const auto step = analyse(alternate(), probe_step_kind::reports, 200,
                            alternate_reports({alternate_item(), partial}));
  EXPECT_EQ(step.shape,
            (lines{"student: object", "student.ssid: string", "data: object",
                   "data.scoreReports: array of 2", "data.scoreReports[]: object (2 of 2)",
                   "data.scoreReports[].downloadUrl: string (2 of 2)",
                   "data.scoreReports[].fileFormat: string (2 of 2)",
                   "data.scoreReports[].languageCode: string (2 of 2)",
                   "data.scoreReports[].testCode: string (2 of 2)",
                   "data.scoreReports[].schoolYear: string (2 of 2)",
                   "data.scoreReports[].testName: string (1 of 2)",
                   "data.scoreReports[].gradeLevel: string (2 of 2)",
                   "data.scoreReports[].subjectArea: string (2 of 2)",
                   "data.scoreReports[].reportStatus: string (2 of 2)",
                   "data.scoreReports[].link: object (2 of 2)",
                   "data.scoreReports[].link.expiresAt: string (2 of 2)"}));
}

TEST(wire_probe, mixed_types_print_each_type_with_its_count) {
  const auto step = analyse(default_profile(), probe_step_kind::token, 200,
                            R"({"list":[{"a":1},"x",{"a":"y","b":true},null],
                                "grid":[[1,2],[]], "n":null})");
  EXPECT_EQ(step.shape,
            (lines{"list: array of 4", "list[]: object 2, string 1, null 1 (4 of 4)",
                   "list[].a: string 1, number 1 (2 of 2)", "list[].b: boolean (1 of 2)",
                   "grid: array of 2", "grid[]: array of 0 to 2 (2 of 2)",
                   "grid[][]: number (2 of 2)", "n: null"}));
}

TEST(wire_probe, an_answer_that_is_not_an_object_is_described_from_the_top) {
  const auto step = analyse(default_profile(), probe_step_kind::token, 200, R"([{"a":1}, 2])");
  EXPECT_EQ(step.shape, (lines{"(top level): array of 2", "[]: object 1, number 1 (2 of 2)",
                               "[].a: number (1 of 1)"}));
  EXPECT_EQ(analyse(default_profile(), probe_step_kind::token, 200, R"("x")").shape,
            (lines{"(top level): string"}));
}

TEST(wire_probe, names_that_do_not_look_like_names_are_withheld_and_merged) {
  const auto step = analyse(default_profile(), probe_step_kind::token, 200,
                            R"({"students":{"1234567890":{"name":"x"},"9876543210":{"name":"y"}},
                                "Maria Lopez":1, "ok_name-1$@":2})");
  EXPECT_EQ(step.shape, (lines{"students: object", "students.(name withheld): object (2 members)",
                               "students.(name withheld).name: string (2 of 2)",
                               "(name withheld): number", "ok_name-1$@: number"}));
}

TEST(wire_probe, which_names_look_like_names) {
  const std::string long_name(64, 'a');
  for (const std::string &shown : {std::string("a1b2c3"), std::string("id_123"),
                                   std::string("$ref"), std::string("@type"), long_name}) {
    const auto step = analyse(default_profile(), probe_step_kind::token, 200,
                              json::serialize(json::object{{shown, 1}}));
    EXPECT_EQ(step.shape, (lines{shown + ": number"})) << shown;
  }
  for (const std::string &withheld :
       {std::string("x1234"), std::string("-x"), std::string("1a"), long_name + "a",
        std::string("caf\xc3\xa9"), std::string(""), std::string("a.b"), std::string("a b")}) {
    const auto step = analyse(default_profile(), probe_step_kind::token, 200,
                              json::serialize(json::object{{withheld, 1}}));
    EXPECT_EQ(step.shape, (lines{"(name withheld): number"})) << withheld;
  }
}

TEST(wire_probe, a_name_the_profile_expects_is_shown_even_when_it_would_be_withheld) {
  profile p = default_profile();
  p.token.token = {"token2024"};
  const auto step = analyse(p, probe_step_kind::token, 200, R"({"token2024":"t","x2024":1})");
  EXPECT_EQ(step.shape, (lines{"token2024: string", "(name withheld): number"}));
  EXPECT_TRUE(contains(step.found, "token2024 (token)"));
}

TEST(wire_probe, deep_places_are_counted_not_shown) {
  std::string body = "1";
  for (int i = 0; i < 12; ++i) {
    body = R"({"a":)" + body + "}";
  }
  const auto step = analyse(default_profile(), probe_step_kind::token, 200, body);
  ASSERT_EQ(step.shape.size(), 9u);
  EXPECT_EQ(step.shape[7], "a.a.a.a.a.a.a.a: object");
  EXPECT_EQ(step.shape[8], "… 4 more places not shown");
}

TEST(wire_probe, at_most_two_hundred_lines_are_shown) {
  json::object o;
  for (int i = 0; i < 250; ++i) {
    o[std::string("k").append(std::to_string(i))] = i;
  }
  const auto step = analyse(default_profile(), probe_step_kind::token, 200, json::serialize(o));
  ASSERT_EQ(step.shape.size(), 201u);
  EXPECT_EQ(step.shape[199], "k199: number");
  EXPECT_EQ(step.shape[200], "… 50 more places not shown");
}

TEST(wire_probe, a_body_that_is_not_json_has_no_shape) {
  const auto step = analyse(default_profile(), probe_step_kind::token, 200, R"({"token":"t",})");
  EXPECT_TRUE(step.shape.empty());
  EXPECT_EQ(step.first_mismatch, "the body is not JSON (Content-Type application/json, 14 bytes)");
}

}  // namespace
}  // namespace ssrlink::ets::wire::probe_test
