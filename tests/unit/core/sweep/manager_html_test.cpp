// The Manager fragment (manager_html.hpp): its structure rule by rule, the filters and host
// fields it keeps, its paging, its empty list, both languages, and every value escaped however
// hostile the database, ETS or the host is.
#include "core/sweep/manager_html.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "tzif_builder.hpp"

namespace ssrlink::testing {
namespace {

using namespace std::chrono;
using namespace ssrlink::core;

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The text between the first `from` and the next `to` after it.
std::string between(std::string_view html, std::string_view from, std::string_view to) {
  const std::size_t start = html.find(from);
  if (start == std::string_view::npos) {
    return {};
  }
  const std::size_t end = html.find(to, start + from.size());
  return std::string(html.substr(start, end == std::string_view::npos ? end : end - start));
}

// 2026-11-23T02:00:00Z: the evening of Nov 22 in California.
constexpr sys_seconds found_instant{sys_days{2026y / November / 23} + hours(2)};

log_entry entry(std::int64_t id, std::string last, std::string first,
                std::string key = "SB:2026-27") {
  log_entry e;
  e.student_id = id;
  e.ssid = "100000000" + std::to_string(id);
  e.school_code = "1";
  e.last_name = std::move(last);
  e.first_name = std::move(first);
  e.report_key = std::move(key);
  e.test = "SB";
  e.year = "2026-27";
  e.status = "Final";
  e.notice = notice_state::queued;
  e.found_at = time_point(found_instant);
  return e;
}

manager_view view_of(std::vector<log_entry> entries) {
  manager_view view;
  view.form.action_url = "/staff/ssrlink/notice";
  view.form.hidden = {{"route", "manager"}, {"csrf", "t0k3n"}};
  view.entries = std::move(entries);
  view.filter.limit = 25;
  return view;
}

time_zone pacific_standard() {
  tzif_spec spec;
  spec.offsets = {-28800};
  spec.footer = "PST8";
  return *time_zone::from_tzif(tzif(spec));
}

TEST(ManagerHtml, IsASectionWithATableOfOneHeaderPerColumnAndOneRowHeaderPerRow) {  // rule 1
  const std::string html =
      render_manager(view_of({entry(1, "Garcia", "Ana"), entry(2, "Lee", "Bo", "ELPAC:2026-27")}));
  EXPECT_TRUE(html.starts_with("<section class=\"ssrlink ssrlink-manager\" lang=\"en\">"));
  EXPECT_TRUE(html.ends_with("</section>"));
  EXPECT_EQ(count(html, "<h2 class=\"ssrlink-manager-title\">Score report notices</h2>"), 1u);
  EXPECT_EQ(count(html, "<caption>"), 1u);
  EXPECT_EQ(count(html, "<th scope=\"col\">"), 8u);
  const std::string head = between(html, "<thead>", "</thead>");
  for (const std::string_view column :
       {"Student", "School", "Test", "Year", "Found", "Emailed", "Viewed", "Notice"}) {
    EXPECT_TRUE(contains(head, std::string(">") + std::string(column) + "</th>")) << column;
  }
  EXPECT_EQ(count(html, "<th scope=\"row\""), 2u);
  EXPECT_EQ(count(html, "<tr class=\"ssrlink-manager-row\">"), 2u);
  // The order given is the order shown.
  EXPECT_LT(html.find("Garcia, Ana"), html.find("Lee, Bo"));
  // No id anywhere: the fragment may sit on any page, and labels wrap their inputs.
  EXPECT_FALSE(contains(html, " id="));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_EQ(count(html, "<p class=\"ssrlink-manager-range\">Reports 1 to 2</p>"), 1u);
}

TEST(ManagerHtml, NamesTheStudentLastNameFirstOrByIdWhenTheFeedHasNoName) {  // rule 2
  const std::string html = render_manager(view_of(
      {entry(1, "Garcia", "Ana"), entry(2, "Lee", ""), entry(3, "", "Mo"), entry(4, "", "")}));
  EXPECT_TRUE(contains(html, "data-label=\"Student\">Garcia, Ana</th>"));
  EXPECT_TRUE(contains(html, "data-label=\"Student\">Lee</th>"));
  EXPECT_TRUE(contains(html, "data-label=\"Student\">Mo</th>"));
  EXPECT_TRUE(contains(html, "data-label=\"Student\">Student 4</th>"));
}

TEST(ManagerHtml, NamesTheTestByTheCatalogueAndSaysWhenItIsPreliminary) {  // rule 3
  log_entry preliminary = entry(2, "Lee", "Bo", "ELPAC:2026-27");
  preliminary.test = "ELPAC";
  preliminary.status = "Preliminary";
  const std::string html = render_manager(view_of({entry(1, "Garcia", "Ana"), preliminary}));
  EXPECT_TRUE(
      contains(html, "<td data-label=\"Test\">Smarter Balanced Summative Assessments</td>"));
  EXPECT_TRUE(contains(html, "<td data-label=\"Test\">Summative ELPAC (Preliminary)</td>"));
  EXPECT_TRUE(contains(html, "<td data-label=\"Year\">2026-27</td>"));
}

TEST(ManagerHtml, ShowsDaysInTheDistrictsZoneWithTheInstantInADatetime) {  // rule 4
  manager_view view = view_of({entry(1, "Garcia", "Ana")});
  const std::string utc = render_manager(view);
  EXPECT_TRUE(contains(utc,
                       "<td data-label=\"Found\"><time datetime=\"2026-11-23T02:00:00Z\">Nov "
                       "23, 2026</time></td>"));
  view.zone = pacific_standard();
  const std::string pacific = render_manager(view);
  EXPECT_TRUE(contains(pacific, "<time datetime=\"2026-11-23T02:00:00Z\">Nov 22, 2026</time>"));
  view.form.language = ui_language::es;
  EXPECT_TRUE(
      contains(render_manager(view), "<time datetime=\"2026-11-23T02:00:00Z\">22 nov 2026</time>"));
}

TEST(ManagerHtml, SaysWhyARowWasNotEmailedFromItsNoticeState) {  // rule 5
  log_entry no_email = entry(1, "A", "A");
  no_email.notice = notice_state::no_email;
  log_entry none = entry(2, "B", "B");
  none.notice = notice_state::none;
  log_entry waiting = entry(3, "C", "C");
  waiting.notice = notice_state::queued;
  log_entry partial = entry(4, "D", "D");
  partial.notice = notice_state::partial;
  partial.emailed_at = time_point(found_instant + minutes(5));
  partial.viewed_at = time_point(found_instant + days(2));
  const std::string html = render_manager(view_of({no_email, none, waiting, partial}));
  EXPECT_TRUE(contains(html, "<td data-label=\"Emailed\">No usable email</td>"));
  EXPECT_TRUE(contains(html, "<td data-label=\"Emailed\">No notice (not a new Final report)</td>"));
  EXPECT_TRUE(contains(html, "<td data-label=\"Emailed\">Not yet</td>"));
  EXPECT_TRUE(contains(html,
                       "<td data-label=\"Emailed\"><time datetime=\"2026-11-23T02:05:00Z\">Nov 23, "
                       "2026</time> <span class=\"ssrlink-manager-note\">(some guardians have no "
                       "usable email)</span></td>"));
  EXPECT_EQ(count(html, "<td data-label=\"Viewed\">Not yet</td>"), 3u);
  EXPECT_TRUE(contains(
      html,
      "<td data-label=\"Viewed\"><time datetime=\"2026-11-25T02:00:00Z\">Nov 25, 2026</time>"));
}

TEST(ManagerHtml, HasOneSendFormPerRowPostingTheRowsKeysAndTheHostsFields) {  // rule 6
  const std::string html =
      render_manager(view_of({entry(1, "Garcia", "Ana"), entry(2, "Lee", "Bo", "ELPAC:2026-27")}));
  EXPECT_EQ(count(html,
                  "<form class=\"ssrlink-manager-send\" method=\"post\" "
                  "action=\"/staff/ssrlink/notice\">"),
            2u);
  const std::string first = between(html, "<form class=\"ssrlink-manager-send\"", "</form>");
  EXPECT_EQ(first,
            "<form class=\"ssrlink-manager-send\" method=\"post\" action=\"/staff/ssrlink/notice\">"
            "<input type=\"hidden\" name=\"student_id\" value=\"1\">"
            "<input type=\"hidden\" name=\"report_key\" value=\"SB:2026-27\">"
            "<input type=\"hidden\" name=\"route\" value=\"manager\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"t0k3n\">"
            "<button type=\"submit\" class=\"ssrlink-manager-button\">Send notice<span "
            "class=\"ssrlink-sr\">: Garcia, Ana, Smarter Balanced Summative Assessments "
            "2026-27</span></button>");
  EXPECT_TRUE(contains(html,
                       "name=\"student_id\" value=\"2\"><input type=\"hidden\" "
                       "name=\"report_key\" value=\"ELPAC:2026-27\">"));
  EXPECT_EQ(count(html, "<button type=\"submit\""), 3u);  // two rows and the filter form
}

TEST(ManagerHtml, LabelsEveryCellForNarrowScreens) {  // rule 7
  const std::string html = render_manager(view_of({entry(1, "Garcia", "Ana")}));
  const std::string row = between(html, "<tr class=\"ssrlink-manager-row\">", "</tr>");
  EXPECT_EQ(count(row, "data-label=\""), 8u);
  EXPECT_EQ(count(row, "<td data-label=\""), 7u);
}

TEST(ManagerHtml, EscapesEveryHostileValue) {  // rule 8
  log_entry hostile = entry(7, "<script>alert(1)</script>", "\"onmouseover=\"x");
  hostile.report_key = "SB:2026-27\"><img src=x onerror=alert(1)>";
  hostile.school_code = "<b>1</b>";
  hostile.year = "'><svg>";
  hostile.test = "<i>T</i>";
  manager_view view = view_of({hostile});
  view.form.action_url = "/queue?a=1&b=\"><script>";
  view.form.hidden = {{"csrf", "\"><script>alert(2)</script>"}};
  view.filter.tag = "\"><script>alert(3)</script>";
  view.filter.school = "<u>";
  view.more = true;
  const std::string html = render_manager(view);
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "<svg"));
  EXPECT_FALSE(contains(html, "<b>"));
  EXPECT_FALSE(contains(html, "<u>"));
  EXPECT_FALSE(contains(html, "<i>"));
  EXPECT_FALSE(contains(html, "\"onmouseover"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;, &quot;onmouseover=&quot;x"));
  EXPECT_TRUE(contains(html, "action=\"/queue?a=1&amp;b=&quot;&gt;&lt;script&gt;\""));
  EXPECT_TRUE(contains(html,
                       "name=\"report_key\" value=\"SB:2026-27&quot;&gt;&lt;img src=x "
                       "onerror=alert(1)&gt;\""));
  EXPECT_TRUE(contains(html,
                       "name=\"tag\" value=\"&quot;&gt;&lt;script&gt;alert(3)&lt;/"
                       "script&gt;\""));
  // In the paging link the values are percent-encoded, and the link escaped.
  EXPECT_TRUE(contains(html, "csrf=%22%3E%3Cscript%3Ealert%282%29%3C%2Fscript%3E"));
  // A megabyte name is clipped.
  view = view_of({entry(8, std::string(1 << 20, 'x'), "y")});
  EXPECT_LT(render_manager(view).size(), std::size_t{20000});
}

TEST(ManagerHtml, TheFilterFormKeepsTheFiltersAndTheHostsFields) {
  manager_view view = view_of({entry(1, "Garcia", "Ana")});
  view.filter.school = "42";
  view.filter.tag = "EL";
  view.filter.leave_before = sys_days{2027y / June / 30};
  view.filter.not_viewed = true;
  view.filter.offset = 50;
  const std::string form =
      between(render_manager(view), "<form class=\"ssrlink-manager-filters\"", "</form>");
  EXPECT_TRUE(form.starts_with("<form class=\"ssrlink-manager-filters\" method=\"get\">"));
  EXPECT_FALSE(contains(form, "action="));  // the page it is on
  EXPECT_TRUE(contains(form,
                       "<input type=\"hidden\" name=\"route\" value=\"manager\">"
                       "<input type=\"hidden\" name=\"csrf\" value=\"t0k3n\">"
                       "<input type=\"hidden\" name=\"limit\" value=\"25\">"));
  EXPECT_FALSE(contains(form, "name=\"offset\""));  // filtering starts again at the first row
  EXPECT_TRUE(contains(form,
                       "<label class=\"ssrlink-manager-field\">School <input type=\"text\" "
                       "name=\"school\" value=\"42\"></label>"));
  EXPECT_TRUE(contains(form,
                       "<label class=\"ssrlink-manager-field\">Tag <input type=\"text\" "
                       "name=\"tag\" value=\"EL\"></label>"));
  EXPECT_TRUE(contains(form,
                       "<label class=\"ssrlink-manager-field\">Leaving before <input "
                       "type=\"date\" name=\"leave_before\" value=\"2027-06-30\"></label>"));
  EXPECT_TRUE(contains(form,
                       "<label class=\"ssrlink-manager-check\"><input type=\"checkbox\" "
                       "name=\"not_viewed\" value=\"true\" checked> Not viewed yet</label>"));
  EXPECT_TRUE(contains(form,
                       "<label class=\"ssrlink-manager-check\"><input type=\"checkbox\" "
                       "name=\"no_email\" value=\"true\"> No usable email</label>"));
  EXPECT_EQ(count(form, "<label"), 5u);
  EXPECT_EQ(count(form, "<input"), 8u);  // 2 host fields, limit, 5 filters
  // A filter value is kept whole, never clipped like a shown value: it is sent again.
  view.filter.tag = std::string(300, 't');
  EXPECT_TRUE(
      contains(render_manager(view), "name=\"tag\" value=\"" + std::string(300, 't') + "\""));
}

TEST(ManagerHtml, PagesWithLinksThatCarryTheHostsFieldsAndTheFilters) {
  manager_view view = view_of({entry(1, "Garcia", "Ana")});
  EXPECT_FALSE(contains(render_manager(view), "<nav"));  // one page only
  view.filter.school = "4 2";
  view.filter.no_email = true;
  view.filter.offset = 10;
  view.more = true;
  const std::string html = render_manager(view);
  EXPECT_TRUE(
      contains(html, "<nav class=\"ssrlink-manager-pages\" aria-label=\"Pages of the list\">"));
  EXPECT_TRUE(contains(html,
                       "<a class=\"ssrlink-manager-button\" rel=\"prev\" "
                       "href=\"?route=manager&amp;csrf=t0k3n&amp;school=4%202&amp;no_email="
                       "true&amp;offset=0&amp;limit=25\">Previous page</a>"));
  EXPECT_TRUE(contains(html,
                       "<a class=\"ssrlink-manager-button\" rel=\"next\" "
                       "href=\"?route=manager&amp;csrf=t0k3n&amp;school=4%202&amp;no_email="
                       "true&amp;offset=35&amp;limit=25\">Next page</a>"));
  EXPECT_TRUE(contains(html, "Reports 11 to 11"));
  view.filter.offset = 60;
  view.more = false;
  const std::string last = render_manager(view);
  EXPECT_TRUE(contains(last, "offset=35&amp;limit=25\">Previous page</a>"));
  EXPECT_FALSE(contains(last, "rel=\"next\""));
}

TEST(ManagerHtml, AnEmptyListSaysSoInASentence) {
  manager_view view = view_of({});
  std::string html = render_manager(view);
  EXPECT_FALSE(contains(html, "<table"));
  EXPECT_TRUE(contains(html,
                       "<p class=\"ssrlink-manager-empty\">The sweep has not found any "
                       "score reports yet.</p>"));
  EXPECT_TRUE(contains(html, "<form class=\"ssrlink-manager-filters\""));  // filters stay
  view.filter.not_viewed = true;
  EXPECT_TRUE(contains(render_manager(view), "No score reports match these filters."));
  view.filter.offset = 100;
  html = render_manager(view);
  EXPECT_TRUE(contains(html, "There are no more score reports."));
  EXPECT_TRUE(contains(html, "rel=\"prev\""));
}

TEST(ManagerHtml, SpeaksSpanish) {
  manager_view view = view_of({entry(1, "García", "Ana")});
  view.form.language = ui_language::es;
  view.more = true;
  const std::string html = render_manager(view);
  EXPECT_TRUE(html.starts_with("<section class=\"ssrlink ssrlink-manager\" lang=\"es\">"));
  for (const std::string_view words :
       {"Avisos de informes de resultados", ">Estudiante</th>", ">Escuela</th>", ">Prueba</th>",
        ">Año</th>", "Enviar aviso<span class=\"ssrlink-sr\">: García, Ana, Evaluaciones",
        "data-label=\"Visto\">Todavía no</td>", "Etiqueta <input", "Aún no vistos</label>",
        ">Página siguiente</a>", "aria-label=\"Páginas de la lista\"", "Informes 1 a 1",
        ">23 nov 2026</time>"}) {
    EXPECT_TRUE(contains(html, words)) << words;
  }
  EXPECT_FALSE(contains(html, "Send notice"));
  EXPECT_FALSE(contains(html, ">Student</th>"));
  view.entries.clear();
  view.more = false;
  EXPECT_TRUE(contains(render_manager(view), "La revisión todavía no ha encontrado"));
}

}  // namespace
}  // namespace ssrlink::testing
