#include "manager_html.hpp"

#include <array>
#include <chrono>
#include <string_view>

#include "../catalogue/report_catalogue.hpp"
#include "../i18n/manager_text.hpp"
#include "../render/text_safety.hpp"
#include "manager_controls.hpp"

namespace ssrlink::core {
namespace {

// Values from the database are clipped before they are shown (rule 8), as on the report page.
constexpr std::size_t max_shown_bytes = 200;

std::string shown(std::string_view value) {
  return html_escape(clipped_text(value, max_shown_bytes));
}

std::string replaced(std::string_view pattern, std::string_view placeholder,
                     std::string_view value) {
  std::string out(pattern);
  if (const std::size_t at = out.find(placeholder); at != std::string::npos) {
    out.replace(at, placeholder.size(), value);
  }
  return out;
}

// Rule 2.
std::string student_name(const log_entry &row, ui_language language) {
  if (!row.last_name.empty() && !row.first_name.empty()) {
    std::string name = row.last_name;
    name += ", ";
    name += row.first_name;
    return name;
  }
  if (!row.last_name.empty() || !row.first_name.empty()) {
    return row.last_name.empty() ? row.first_name : row.last_name;
  }
  return replaced(text(manager_text::unnamed_student, language), "{id}",
                  std::to_string(row.student_id));
}

// Rule 3.
std::string test_name(const log_entry &row, ui_language language) {
  std::string name = test_display_name(row.test, language);
  if (row.status == report_status_preliminary) {
    name += " (";
    name += text(manager_text::preliminary, language);
    name += ")";
  }
  return name;
}

// Rule 4.
std::string day_html(time_point t, const manager_view &view) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const std::chrono::year_month_day day =
      view.zone ? std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(
                      view.zone->to_local(seconds))}
                : std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(seconds)};
  std::string html = "<time datetime=\"";
  html += format_utc(t);
  html += "\">";
  html += html_escape(readable_day(day, view.form.language));
  html += "</time>";
  return html;
}

// Rule 5.
std::string emailed_html(const log_entry &row, const manager_view &view) {
  const ui_language language = view.form.language;
  if (row.emailed_at) {
    std::string html = day_html(*row.emailed_at, view);
    if (row.notice == notice_state::partial) {
      html += " <span class=\"ssrlink-manager-note\">(";
      html += html_escape(text(manager_text::some_without_email, language));
      html += ")</span>";
    }
    return html;
  }
  switch (row.notice) {
    case notice_state::no_email:
      return html_escape(text(manager_text::no_usable_email, language));
    case notice_state::none:
      return html_escape(text(manager_text::no_notice, language));
    case notice_state::queued:
    case notice_state::partial:
      break;
  }
  return html_escape(text(manager_text::not_yet, language));
}

void cell(std::string &html, std::string_view label, std::string_view content) {
  html += "<td data-label=\"";
  html += html_escape(label);
  html += "\">";
  html += content;
  html += "</td>";
}

// Rule 6.
std::string send_form(const log_entry &row, const manager_view &view, const std::string &student,
                      const std::string &test) {
  const ui_language language = view.form.language;
  std::string html = "<form class=\"ssrlink-manager-send\" method=\"post\" action=\"";
  html += html_escape(view.form.action_url);
  html += "\">";
  append_hidden_input(html, "student_id", std::to_string(row.student_id));
  append_hidden_input(html, "report_key", row.report_key);
  append_host_fields(html, view.form);
  html += "<button type=\"submit\" class=\"ssrlink-manager-button\">";
  html += html_escape(text(manager_text::send_notice, language));
  html += "<span class=\"ssrlink-sr\">: ";
  std::string rest = replaced(text(manager_text::send_notice_for, language), "{student}",
                              clipped_text(student, max_shown_bytes));
  rest = replaced(rest, "{test}", clipped_text(test, max_shown_bytes));
  rest = replaced(rest, "{year}", clipped_text(row.year, max_shown_bytes));
  html += html_escape(rest);
  html += "</span></button></form>";
  return html;
}

void table_row(std::string &html, const log_entry &row, const manager_view &view,
               const std::array<std::string, 8> &labels) {
  const ui_language language = view.form.language;
  const std::string student = student_name(row, language);
  const std::string test = test_name(row, language);
  html += "<tr class=\"ssrlink-manager-row\"><th scope=\"row\" data-label=\"";
  html += labels[0];
  html += "\">";
  html += shown(student);
  html += "</th>";
  cell(html, labels[1], shown(row.school_code));
  cell(html, labels[2], shown(test));
  cell(html, labels[3], shown(row.year));
  cell(html, labels[4], day_html(row.found_at, view));
  cell(html, labels[5], emailed_html(row, view));
  cell(html, labels[6],
       row.viewed_at ? day_html(*row.viewed_at, view)
                     : html_escape(text(manager_text::not_yet, language)));
  cell(html, labels[7], send_form(row, view, student, test));
  html += "</tr>";
}

void table(std::string &html, const manager_view &view) {
  const ui_language language = view.form.language;
  const std::array<std::string, 8> labels{html_escape(text(manager_text::column_student, language)),
                                          html_escape(text(manager_text::column_school, language)),
                                          html_escape(text(manager_text::column_test, language)),
                                          html_escape(text(manager_text::column_year, language)),
                                          html_escape(text(manager_text::column_found, language)),
                                          html_escape(text(manager_text::column_emailed, language)),
                                          html_escape(text(manager_text::column_viewed, language)),
                                          html_escape(text(manager_text::column_notice, language))};
  html += "<p class=\"ssrlink-manager-range\">";
  std::string range = replaced(text(manager_text::range, language), "{first}",
                               std::to_string(view.filter.offset + 1));
  range =
      replaced(range, "{last}",
               std::to_string(view.filter.offset + static_cast<std::int64_t>(view.entries.size())));
  html += html_escape(range);
  html += "</p><table class=\"ssrlink-manager-table\"><caption>";
  html += html_escape(text(manager_text::caption, language));
  html += "</caption><thead><tr>";
  for (const std::string &label : labels) {  // rule 1
    html += "<th scope=\"col\">";
    html += label;
    html += "</th>";
  }
  html += "</tr></thead><tbody>";
  for (const log_entry &row : view.entries) {
    table_row(html, row, view, labels);
  }
  html += "</tbody></table>";
}

manager_text empty_sentence(const log_filter &filter) {
  if (filter.offset > 0) {
    return manager_text::empty_page;
  }
  return filters_given(filter) ? manager_text::empty_filtered : manager_text::empty_log;
}

}  // namespace

std::string render_manager(const manager_view &view) {
  const ui_language language = view.form.language;
  std::string html;
  html.reserve(2048 + view.entries.size() * 1200);
  html += "<section class=\"ssrlink ssrlink-manager\" lang=\"";
  html += language_tag(language);
  html += "\"><h2 class=\"ssrlink-manager-title\">";
  html += html_escape(text(manager_text::heading, language));
  html += "</h2>";
  append_filter_form(html, view);
  if (view.entries.empty()) {
    html += "<p class=\"ssrlink-manager-empty\">";
    html += html_escape(text(empty_sentence(view.filter), language));
    html += "</p>";
  } else {
    table(html, view);
  }
  append_paging(html, view);
  html += "</section>";
  return html;
}

}  // namespace ssrlink::core
