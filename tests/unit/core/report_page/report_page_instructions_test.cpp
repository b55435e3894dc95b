// The district's instructions and the PDF tip on whole pages (report_page_service rule 5): shown
// to parents and students in their language on every page they are entitled to, never on a
// denial, never to staff, teachers or admins; the settings read at most once per page.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/error.hpp"
#include "service_fixture.hpp"

namespace ssrlink::test {
namespace {

const std::string parent =
    R"({"role": "parent", "user_id": "p-1", "permitted": true, "contact_sequence": 1})";
const std::string student =
    R"({"role": "student", "user_id": "s-1", "student_id": 1001, "permitted": true})";
const std::string staff = R"({"role": "staff", "user_id": "s-9", "permitted": true})";
const std::string teacher =
    R"({"role": "teacher", "user_id": "t-1", "school_codes": ["100"], "permitted": true})";
const std::string admin = R"({"role": "admin", "user_id": "a-1"})";
const std::string spanish = R"(, "ui_language": "es")";

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

using instruction_texts = std::map<std::string, std::string>;

// A fixture whose settings source serves `instructions` and counts how often it is asked.
struct instructions_fixture : service_fixture {
  int reads = 0;

  explicit instructions_fixture(const instruction_texts &instructions = {
                                    {"en", "Questions? Call the office.\n\nThank you."},
                                    {"es", "¿Preguntas? Llame a la oficina."}}) {
    settings = [this, instructions] {
      ++reads;
      district_settings current;
      current.parent_instructions = instructions;
      return current;
    };
  }
};

std::string html_of(const boost::json::object &result) {
  return str(result.at("html"));
}

TEST(report_page_instructions, a_parent_reads_them_in_the_page_s_language) {
  instructions_fixture fx;
  const auto english = fx.run(request_as(parent));
  EXPECT_EQ(str(english.at("outcome")), "reports");
  const auto &json = english.at("instructions").as_object();
  EXPECT_EQ(str(json.at("language")), "en");
  EXPECT_EQ(str(json.at("text")), "Questions? Call the office.\n\nThank you.");
  EXPECT_TRUE(contains(html_of(english),
                       "<div class=\"ssrlink-instructions\" lang=\"en\"><p>Questions? Call the "
                       "office.</p><p>Thank you.</p></div>"))
      << html_of(english);

  const auto es = fx.run(request_as(parent, 1001, spanish));
  EXPECT_EQ(str(es.at("instructions").at("language")), "es");
  EXPECT_TRUE(contains(html_of(es),
                       "<div class=\"ssrlink-instructions\" lang=\"es\"><p>"
                       "¿Preguntas? Llame a la oficina.</p></div>"));
}

TEST(report_page_instructions, a_student_reads_english_when_the_district_wrote_no_spanish) {
  instructions_fixture fx(instruction_texts{{"en", "Ask your teacher."}});
  const auto result = fx.run(request_as(student, 1001, spanish));
  EXPECT_EQ(str(result.at("outcome")), "reports");
  EXPECT_EQ(str(result.at("instructions").at("language")), "en");
  EXPECT_TRUE(contains(html_of(result), "<section class=\"ssrlink\" lang=\"es\">"));
  EXPECT_TRUE(contains(html_of(result),
                       "<div class=\"ssrlink-instructions\" lang=\"en\"><p>Ask your teacher."));
}

TEST(report_page_instructions, none_when_neither_language_is_written) {
  instructions_fixture fx(instruction_texts{{"vi", "Đọc tôi."}});
  const auto result = fx.run(request_as(parent, 1001, spanish));
  EXPECT_TRUE(result.at("instructions").is_null());
  EXPECT_FALSE(contains(html_of(result), "ssrlink-instructions"));
  EXPECT_EQ(fx.reads, 1);
}

TEST(report_page_instructions, on_every_page_an_entitled_parent_sees) {
  {
    instructions_fixture fx;  // no test data
    fx.ets.answer_every_ssid(ets_failed(ets_error::no_test_data));
    const auto result = fx.run(request_as(parent));
    EXPECT_EQ(str(result.at("outcome")), "no_reports");
    EXPECT_TRUE(contains(html_of(result), "ssrlink-instructions"));
  }
  {
    instructions_fixture fx;
    fx.ets.answer_every_ssid(ets_failed(ets_error::internal_error));
    const auto result = fx.run(request_as(parent));
    EXPECT_EQ(str(result.at("outcome")), "ets_error");
    EXPECT_TRUE(contains(html_of(result), "ssrlink-instructions"));
  }
  {
    instructions_fixture fx;
    fx.directory.students[1001].ssid.clear();
    const auto result = fx.run(request_as(student));
    EXPECT_EQ(str(result.at("outcome")), "no_ssid");
    EXPECT_TRUE(contains(html_of(result), "ssrlink-instructions"));
  }
  {
    instructions_fixture fx;
    fx.credentials.district.reset();
    const auto result = fx.run(request_as(parent));
    EXPECT_EQ(str(result.at("outcome")), "not_configured");
    EXPECT_TRUE(contains(html_of(result), "ssrlink-instructions"));
  }
}

TEST(report_page_instructions, never_on_a_denial_and_the_settings_are_not_read) {
  const std::vector<std::pair<std::string, std::function<void(instructions_fixture &)>>> denials = {
      {R"({"role": "parent", "user_id": "p-2", "permitted": true})", {}},  // not linked
      {R"({"role": "parent", "user_id": "p-1"})", {}},                     // no permission
      {R"({"role": "student", "user_id": "s-2", "student_id": 1002, "permitted": true})", {}},
      {parent, [](instructions_fixture &fx) { fx.directory.students[1001].do_not_release = true; }},
      {student, [](instructions_fixture &fx) { fx.directory.students[1001].hide_contact = true; }},
  };
  for (const auto &[viewer, arrange] : denials) {
    instructions_fixture fx;
    if (arrange) {
      arrange(fx);
    }
    const auto result = fx.run(request_as(viewer));
    EXPECT_EQ(str(result.at("outcome")), "denied") << viewer;
    EXPECT_TRUE(result.at("instructions").is_null()) << viewer;
    EXPECT_FALSE(contains(html_of(result), "ssrlink-instructions")) << viewer;
    EXPECT_FALSE(contains(html_of(result), "Call the office")) << viewer;
    EXPECT_EQ(fx.reads, 0) << viewer;
  }
}

TEST(report_page_instructions, staff_teachers_and_admins_get_none) {
  for (const std::string &viewer : {staff, teacher, admin}) {
    instructions_fixture fx;
    const auto result = fx.run(request_as(viewer));
    EXPECT_EQ(str(result.at("outcome")), "reports") << viewer;
    EXPECT_TRUE(result.at("instructions").is_null()) << viewer;
    EXPECT_FALSE(contains(html_of(result), "ssrlink-instructions")) << viewer;
    EXPECT_EQ(fx.reads, 0) << viewer;
  }
}

TEST(report_page_instructions, the_settings_are_read_once_per_page) {
  instructions_fixture fx;
  fx.run(request_as(parent));
  EXPECT_EQ(fx.reads, 1);
  fx.run(request_as(student, 1001, spanish));
  EXPECT_EQ(fx.reads, 2);
}

TEST(report_page_instructions, without_a_source_there_are_none) {
  service_fixture fx;  // settings left empty, as before the composition root wires it
  const auto result = fx.run(request_as(parent));
  EXPECT_EQ(str(result.at("outcome")), "reports");
  EXPECT_TRUE(result.at("instructions").is_null());
  EXPECT_FALSE(contains(html_of(result), "ssrlink-instructions"));
}

TEST(report_page_instructions, a_failing_source_is_logged_and_the_page_still_shown) {
  instructions_fixture fx;
  fx.settings = [&fx]() -> district_settings {
    ++fx.reads;
    throw failure(status::database, "The settings could not be read.");
  };
  const auto result = fx.run(request_as(parent));
  EXPECT_EQ(str(result.at("outcome")), "reports");
  EXPECT_TRUE(result.at("instructions").is_null());
  EXPECT_EQ(fx.reads, 1);
  const auto warnings = fx.log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_TRUE(contains(warnings[0], "instructions")) << warnings[0];
}

TEST(report_page_instructions, hostile_instructions_are_escaped_on_the_page_not_in_the_json) {
  instructions_fixture fx(
      instruction_texts{{"en", "<script>alert(1)</script> & javascript:alert(2)"}});
  const auto result = fx.run(request_as(parent));
  EXPECT_EQ(str(result.at("instructions").at("text")),
            "<script>alert(1)</script> & javascript:alert(2)");
  const std::string html = html_of(result);
  EXPECT_FALSE(contains(html, "<script")) << html;
  EXPECT_TRUE(contains(html,
                       "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; javascript:alert(2)"
                       "</p>"))
      << html;
}

TEST(report_page_instructions, every_viewer_of_a_pdf_gets_the_tip) {
  for (const std::string &viewer : {parent, student, staff, teacher, admin}) {
    instructions_fixture fx;
    const auto result = fx.run(request_as(viewer));
    EXPECT_TRUE(contains(html_of(result), "<details class=\"ssrlink-tip\">")) << viewer;
  }
  instructions_fixture fx;
  fx.ets.answer_every_ssid(ets_reports_result{
      report_links{make_link("SB", "2018-19", "ENG", "HTML", "ELA", fx.clock.now())}});
  EXPECT_FALSE(contains(html_of(fx.run(request_as(parent))), "ssrlink-tip"));
}

}  // namespace
}  // namespace ssrlink::test
