#include "page_renderer.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include "../catalogue/report_catalogue.hpp"
#include "pdf_tip.hpp"
#include "text_safety.hpp"

namespace ssrlink::core {
namespace {

// Values from ETS are clipped before they are shown so that a hostile 1 MB "year" cannot turn
// the page into a megabyte of text.
constexpr std::size_t max_shown_bytes = 200;

std::string shown(std::string_view value) {
  return html_escape(clipped_text(value, max_shown_bytes));
}

std::string status_label(std::string_view status, ui_language language) {
  if (status == "Final") {
    return std::string(text(ui_text::status_final, language));
  }
  if (status == "Preliminary") {
    return std::string(text(ui_text::status_preliminary, language));
  }
  return std::string(status);
}

// Distinct values in first-seen order: a group normally has one grade and one status, but the
// page must still say something true if ETS mixes them.
template <typename get>
std::vector<std::string> distinct(const report_link *first, const report_link *last, get value) {
  std::vector<std::string> out;
  for (const auto *link = first; link != last; ++link) {
    std::string v = value(*link);
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) {
      out.push_back(std::move(v));
    }
  }
  return out;
}

std::string joined(const std::vector<std::string> &values) {
  std::string out;
  for (const auto &v : values) {
    if (!out.empty()) {
      out += ", ";
    }
    out += v;
  }
  return out;
}

void render_link(std::string &html, const report_link &link, ui_language language) {
  // The label is the button's accessible name: language, format, subject, in the page's
  // language ("Arabic PDF", "English Video"), then "(opens in a new tab)" for screen readers.
  std::string label = report_language_name(link.language, language) + " " +
                      format_display_name(link.format, language);
  const std::string subject = subject_display_name(link.subject, language);
  if (!subject.empty()) {
    label += " \xE2\x80\x93 " + subject;  // en dash
  }
  html += "<li><a class=\"ssrlink-button\" href=\"";
  html += html_escape(link.url);
  html += "\"";
  // hreflang tells browsers and screen readers the language of the report behind the link
  // ("ar" for an Arabic one); only catalogue tags are written, never ETS's raw code.
  if (const std::string_view tag = report_language_tag(link.language); !tag.empty()) {
    html += " hreflang=\"";
    html += html_escape(tag);
    html += "\"";
  }
  html += " target=\"_blank\" rel=\"noopener noreferrer\">";
  html += shown(label);
  html += "<span class=\"ssrlink-sr\"> ";
  html += html_escape(text(ui_text::opens_in_new_tab, language));
  html += "</span></a></li>";
}

void render_group(std::string &html, const report_link *first, const report_link *last,
                  ui_language language, char heading_level) {
  html += "<li class=\"ssrlink-group\"><h";
  html += heading_level;
  html += " class=\"ssrlink-group-title\">";
  html += shown(test_display_name(first->test, language));
  html += " <span class=\"ssrlink-year\">";
  html += shown(first->year);
  html += "</span></h";
  html += heading_level;
  html += "><p class=\"ssrlink-meta\">";
  const auto grades = distinct(
      first, last, [&](const report_link &l) { return grade_display_name(l.grade, language); });
  const auto statuses =
      distinct(first, last, [&](const report_link &l) { return status_label(l.status, language); });
  bool need_separator = false;
  if (!grades.empty()) {
    // "Grade 5", "Kindergarten", "Transitional kindergarten (TK)": the catalogue's words.
    html += "<span class=\"ssrlink-grade\">";
    html += shown(joined(grades));
    html += "</span>";
    need_separator = true;
  }
  if (!statuses.empty()) {
    if (need_separator) {
      html += " \xC2\xB7 ";  // middle dot
    }
    html += "<span class=\"ssrlink-status\">";
    html += shown(joined(statuses));
    html += "</span>";
  }
  html += "</p><ul class=\"ssrlink-links\">";
  for (const auto *link = first; link != last; ++link) {
    render_link(html, *link, language);
  }
  html += "</ul></li>";
}

}  // namespace

void sort_for_display(report_links &reports) {
  const auto key = [](const report_link &l) {
    return std::make_tuple(test_rank(l.test), std::cref(l.test), grade_rank(l.grade),
                           std::cref(l.grade), !is_english(l.language), std::cref(l.language),
                           format_rank(l.format), std::cref(l.format), std::cref(l.subject));
  };
  std::stable_sort(reports.begin(), reports.end(), [&](const report_link &a, const report_link &b) {
    if (a.year != b.year) {
      return a.year > b.year;  // "2019-20" after "2018-19" as text too
    }
    return key(a) < key(b);
  });
}

std::string_view page_heading(report_page_kind page, ui_language language) {
  return text(page == report_page_kind::language_assessment ? ui_text::heading_language_assessment
                                                            : ui_text::heading_test_scores,
              language);
}

std::string message_box_html(const std::optional<std::string> &message,
                             const std::optional<std::string> &hint) {
  if (!message) {
    return {};
  }
  std::string html = "<div class=\"ssrlink-error\" role=\"alert\"><p>";
  html += html_escape(*message);
  html += "</p>";
  if (hint) {
    html += "<p class=\"ssrlink-hint\">";
    html += html_escape(*hint);
    html += "</p>";
  }
  html += "</div>";
  return html;
}

std::string report_groups_html(const report_links &sorted, ui_language language,
                               int heading_level) {
  if (sorted.empty()) {
    return {};
  }
  // h3 under the page's h2, h4 under a family page's h3 per child; nothing deeper exists.
  const char level = heading_level >= 4 ? '4' : '3';
  std::string html;
  html.reserve(sorted.size() * 400);
  html += "<ul class=\"ssrlink-groups\">";
  const report_link *begin = sorted.data();
  const report_link *end = begin + sorted.size();
  for (const auto *first = begin; first != end;) {
    const auto *last = first + 1;
    while (last != end && last->test == first->test && last->year == first->year) {
      ++last;
    }
    render_group(html, first, last, language, level);
    first = last;
  }
  html += "</ul>";
  return html;
}

std::string refresh_notice_html(std::string_view refresh_url, ui_language language) {
  std::string html = "<div class=\"ssrlink-notice\" role=\"status\"><p>";
  html += html_escape(text(ui_text::notice_before, language));
  html += "<a href=\"";
  html += html_escape(refresh_url);
  html += "\">";
  html += html_escape(text(ui_text::notice_here, language));
  html += "</a>";
  html += html_escape(text(ui_text::notice_after, language));
  html += "</p></div>";
  return html;
}

std::string page_opening_html(report_page_kind page, ui_language language) {
  std::string html = "<section class=\"ssrlink\" lang=\"";
  html += language_tag(language);
  html += "\"><h2 class=\"ssrlink-title\">";
  html += html_escape(page_heading(page, language));
  html += "</h2>";
  return html;
}

std::string report_body_html(const report_links &sorted, ui_language language) {
  if (sorted.empty()) {
    return {};
  }
  std::string html = report_groups_html(sorted, language, 3);
  html += pdf_tip_html(sorted, language);
  return html;
}

std::string render_report_page(const page_view &view) {
  report_links reports = view.reports;
  sort_for_display(reports);
  const ui_language language = view.language;

  std::string html = page_opening_html(view.page, language);
  html.reserve(1024 + reports.size() * 400);
  html += message_box_html(view.message, view.hint);
  if (view.instructions) {
    html += instructions_html(*view.instructions);
  }
  if (!reports.empty()) {
    html += report_body_html(reports, language);
    html += refresh_notice_html(view.refresh_url, language);
  }
  html += "</section>";
  return html;
}

}  // namespace ssrlink::core
