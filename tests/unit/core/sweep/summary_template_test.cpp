// The completion summary's words (summary_template.hpp): both languages, every count, the scope
// and the day in the subject, hostile values kept out of the headers and escaped in the HTML.
#include "core/sweep/summary_template.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssrlink::core {
namespace {

sweep_counts some_counts() {
  sweep_counts c;
  c.students_checked = 1234;
  c.new_reports = 56;
  c.notices_queued = 78;
  c.no_email = 9;
  c.no_ssid = 3;
  c.errors = {{"enrollment_mismatch", 2}, {"timed_out", 5}};
  return c;
}

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

TEST(SummaryTemplate, Rule1EnglishThenSpanishInOneMessage) {
  const notice_text n = compose_summary({"district", "2026-11-23", some_counts()});
  EXPECT_EQ(n.language, "en");
  const std::size_t english = n.body_text.find("Students checked: 1234");
  const std::size_t spanish = n.body_text.find("Estudiantes revisados: 1234");
  ASSERT_NE(english, std::string::npos);
  ASSERT_NE(spanish, std::string::npos);
  EXPECT_LT(english, spanish);
  EXPECT_TRUE(has(n.body_html, "<section lang=\"en\">"));
  EXPECT_TRUE(has(n.body_html, "<section lang=\"es\">"));
  EXPECT_LT(n.body_html.find("lang=\"en\">"), n.body_html.find("lang=\"es\">"));
}

TEST(SummaryTemplate, Rule2And3TheSubjectNamesTheScopeAndTheDay) {
  const notice_text district = compose_summary({"district", "2026-11-23", some_counts()});
  EXPECT_EQ(district.subject,
            "State test score sweep summary: the district, 2026-11-23 / Resumen de la revisión "
            "de pruebas estatales: el distrito, 2026-11-23");
  const notice_text school = compose_summary({"994", "2026-11-23", some_counts()});
  EXPECT_TRUE(has(school.subject, "school 994, 2026-11-23"));
  EXPECT_TRUE(has(school.subject, "escuela 994, 2026-11-23"));
  // A day in any other shape is left out rather than shown.
  const notice_text no_day = compose_summary({"district", "23/11/2026", some_counts()});
  EXPECT_FALSE(has(no_day.subject, "2026"));
  EXPECT_TRUE(has(no_day.subject, "the district / "));
}

TEST(SummaryTemplate, Rule4EveryCountInBothLanguages) {
  sweep_counts c = some_counts();
  const notice_text n = compose_summary({"district", "2026-11-23", c});
  for (const char *line :
       {"Students checked: 1234", "New reports: 56", "Notices queued for guardians: 78",
        "Guardians with no usable email (follow up another way): 9", "Students without an SSID: 3",
        "  enrollment_mismatch: 2", "  timed_out: 5", "Estudiantes revisados: 1234",
        "Informes nuevos: 56", "Avisos en cola para los tutores: 78",
        "Tutores sin correo electrónico utilizable (comuníquese por otro medio): 9",
        "Estudiantes sin SSID: 3"}) {
    EXPECT_TRUE(has(n.body_text, line)) << line;
  }
  EXPECT_TRUE(has(n.body_html, "<tr><th scope=\"row\">New reports</th><td>56</td></tr>"));
  EXPECT_TRUE(has(n.body_html, "<li>timed_out: 5</li>"));
  // Duplicates only when there are any.
  EXPECT_FALSE(has(n.body_text, "more than once"));
  c.duplicate_students = 4;
  c.duplicate_contacts = 1;
  c.errors.clear();
  const notice_text more = compose_summary({"district", "2026-11-23", c});
  EXPECT_TRUE(has(more.body_text, "Students skipped: the views list them more than once: 4"));
  EXPECT_TRUE(has(more.body_text, "Students whose contacts the views list more than once: 1"));
  EXPECT_TRUE(has(more.body_text, "Errors, by kind: none"));
  EXPECT_TRUE(has(more.body_text, "Errores, por tipo: ninguno"));
}

TEST(SummaryTemplate, Rule5HostileValuesStayOutOfHeadersAndAreEscaped) {
  sweep_counts c = some_counts();
  c.errors["<script>alert(1)</script>"] = 7;
  c.errors["x\r\nBcc: all@example.org"] = 1;
  const notice_text n =
      compose_summary({"<img src=x onerror=alert(1)>\r\nBcc: a@b.c", "2026-11-23", c});
  EXPECT_EQ(n.subject.find_first_of("\r\n<>\""), std::string::npos) << n.subject;
  EXPECT_TRUE(has(n.subject, "school ?img?src?x?onerr"));
  for (const std::string *part : {&n.body_text, &n.body_html}) {
    EXPECT_FALSE(has(*part, "<script")) << *part;
    EXPECT_FALSE(has(*part, "<img")) << *part;
    EXPECT_FALSE(has(*part, "Bcc")) << *part;
  }
  // Names that are not ours are counted, under "other".
  EXPECT_TRUE(has(n.body_text, "  other: 8"));
  // The words themselves are escaped too: the quotes of "no email".
  EXPECT_TRUE(has(n.body_html, "filtered on &quot;no email&quot;"));
  EXPECT_FALSE(has(n.body_html, "filtered on \"no email\""));
  // And no link of any kind.
  for (const std::string *part : {&n.body_text, &n.body_html}) {
    EXPECT_FALSE(has(*part, "http")) << *part;
    EXPECT_FALSE(has(*part, "<a ")) << *part;
  }
}

}  // namespace
}  // namespace ssrlink::core
