#include "family_renderer.hpp"

#include <algorithm>
#include <utility>

#include "pdf_tip.hpp"
#include "text_safety.hpp"

namespace ssrlink::core {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

void replace_all(std::string &text, std::string_view placeholder, std::string_view value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
}

std::string section_id(std::size_t index) {
  std::string id = "ssrlink-family-student-";
  id += std::to_string(index + 1);
  return id;
}

}  // namespace

std::string cleaned_first_name(std::string_view first_name) {
  const std::string valid = valid_utf8(first_name);
  const auto first = valid.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return {};
  }
  const auto last = valid.find_last_not_of(" \t\r\n");
  // clipped_text appends "…" (3 bytes) to a cut name: leave room for it within the bound.
  constexpr std::size_t ellipsis_bytes = 3;
  return clipped_text(std::string_view(valid).substr(first, last - first + 1),
                      max_first_name_bytes - ellipsis_bytes);
}

std::string family_student_label(const std::vector<std::string> &cleaned_first_names,
                                 std::size_t index, ui_language language) {
  const std::string &name = cleaned_first_names.at(index);
  const auto shared =
      std::count_if(cleaned_first_names.begin(), cleaned_first_names.end(),
                    [&](const std::string &other) { return same_name(other, name); });
  if (!name.empty() && shared == 1) {
    return name;
  }
  // The place in the list, never the student's ID: the heading is the only thing that tells
  // a nameless child (or one of two namesakes) apart, and an ID is nobody's name.
  std::string label(
      text(name.empty() ? ui_text::family_student_unnamed : ui_text::family_student_same_name,
           language));
  replace_all(label, "{n}", std::to_string(index + 1));
  replace_all(label, "{count}", std::to_string(cleaned_first_names.size()));
  replace_all(label, "{name}", name);  // last: a name holding "{n}" stays as written
  return label;
}

std::string render_family_page(const family_view &view) {
  const ui_language language = view.language;
  std::vector<std::string> names;
  names.reserve(view.students.size());
  for (const auto &student : view.students) {
    names.push_back(cleaned_first_name(student.first_name));
  }

  std::string html;
  html += "<section class=\"ssrlink ssrlink-family\" lang=\"";
  html += language_tag(language);
  html += "\"><h2 class=\"ssrlink-title\">";
  html += html_escape(page_heading(view.page, language));
  html += "</h2>";
  if (view.instructions) {  // rule 2
    html += instructions_html(*view.instructions);
  }
  if (view.students.empty()) {  // rule 5
    html += "<p class=\"ssrlink-empty\">";
    html += html_escape(text(ui_text::family_no_students, language));
    html += "</p>";
  }

  report_links every_link;  // for the page-wide tip and notice (rule 2)
  for (std::size_t i = 0; i < view.students.size(); ++i) {
    const family_section_view &student = view.students[i];
    report_links reports = student.reports;
    sort_for_display(reports);
    const std::string id = section_id(i);  // rule 4
    html += "<section class=\"ssrlink-student\" aria-labelledby=\"";
    html += id;
    html += "\"><h3 class=\"ssrlink-student-name\" id=\"";
    html += id;
    html += "\">";
    html += html_escape(family_student_label(names, i, language));  // rules 3 and 6
    html += "</h3>";
    html += message_box_html(student.message, student.hint);  // rule 1
    html += report_groups_html(reports, language, 4);
    html += "</section>";
    every_link.insert(every_link.end(), std::make_move_iterator(reports.begin()),
                      std::make_move_iterator(reports.end()));
  }
  if (!every_link.empty()) {
    html += pdf_tip_html(every_link, language);
    html += refresh_notice_html(view.refresh_url, language);
  }
  html += "</section>";
  return html;
}

}  // namespace ssrlink::core
