#include "manager_controls.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "../render/text_safety.hpp"

namespace ssrlink::core {
namespace {

// A query-string component: every byte but the unreserved ones percent-encoded.
std::string percent_encoded(std::string_view text) {
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4U];
      out += hex[u & 0xFU];
    }
  }
  return out;
}

// The filters as (name, value) pairs, as the filter form sends them.
std::vector<std::pair<std::string, std::string>> filter_fields(const log_filter &filter) {
  std::vector<std::pair<std::string, std::string>> fields;
  if (filter.school) {
    fields.emplace_back("school", *filter.school);
  }
  if (filter.tag) {
    fields.emplace_back("tag", *filter.tag);
  }
  if (filter.leave_before) {
    fields.emplace_back("leave_before", format_day(*filter.leave_before));
  }
  if (filter.not_viewed) {
    fields.emplace_back("not_viewed", "true");
  }
  if (filter.no_email) {
    fields.emplace_back("no_email", "true");
  }
  return fields;
}

void text_field(std::string &html, std::string_view label, std::string_view type,
                std::string_view name, const std::optional<std::string> &value) {
  html += "<label class=\"ssrlink-manager-field\">";
  html += html_escape(label);
  html += " <input type=\"";
  html += type;
  html += "\" name=\"";
  html += name;
  html += "\" value=\"";
  html += value ? html_escape(*value) : std::string();  // kept whole: it is the filter
  html += "\"></label>";
}

void check_field(std::string &html, std::string_view label, std::string_view name, bool checked) {
  html += "<label class=\"ssrlink-manager-check\"><input type=\"checkbox\" name=\"";
  html += name;
  html += "\" value=\"true\"";
  html += checked ? " checked" : "";
  html += "> ";
  html += html_escape(label);
  html += "</label>";
}

std::string page_href(const manager_view &view, std::int64_t offset) {
  std::string query;
  const auto add = [&](std::string_view name, std::string_view value) {
    query += query.empty() ? "?" : "&";
    query += percent_encoded(name);
    query += "=";
    query += percent_encoded(value);
  };
  for (const auto &[name, value] : view.form.hidden) {
    add(name, value);
  }
  for (const auto &[name, value] : filter_fields(view.filter)) {
    add(name, value);
  }
  add("offset", std::to_string(offset));
  add("limit", std::to_string(view.filter.limit));
  return html_escape(query);
}

}  // namespace

void append_hidden_input(std::string &html, std::string_view name, std::string_view value) {
  html += "<input type=\"hidden\" name=\"";
  html += html_escape(name);
  html += "\" value=\"";
  html += html_escape(value);
  html += "\">";
}

// Rule 1.
void append_host_fields(std::string &html, const manager_form &form) {
  for (const auto &[name, value] : form.hidden) {
    append_hidden_input(html, name, value);
  }
}

bool filters_given(const log_filter &filter) {
  return !filter_fields(filter).empty();
}

// Rule 2.
void append_filter_form(std::string &html, const manager_view &view) {
  const ui_language language = view.form.language;
  const log_filter &filter = view.filter;
  html += "<form class=\"ssrlink-manager-filters\" method=\"get\">";
  append_host_fields(html, view.form);
  append_hidden_input(html, "limit", std::to_string(filter.limit));
  text_field(html, text(manager_text::filter_school, language), "text", "school", filter.school);
  text_field(html, text(manager_text::filter_tag, language), "text", "tag", filter.tag);
  std::optional<std::string> leave_before;
  if (filter.leave_before) {
    leave_before = format_day(*filter.leave_before);
  }
  text_field(html, text(manager_text::filter_leave_before, language), "date", "leave_before",
             leave_before);
  check_field(html, text(manager_text::filter_not_viewed, language), "not_viewed",
              filter.not_viewed);
  check_field(html, text(manager_text::filter_no_email, language), "no_email", filter.no_email);
  html += "<button type=\"submit\" class=\"ssrlink-manager-button\">";
  html += html_escape(text(manager_text::filter_submit, language));
  html += "</button></form>";
}

// Rule 3.
void append_paging(std::string &html, const manager_view &view) {
  const log_filter &filter = view.filter;
  if (filter.offset == 0 && !view.more) {
    return;
  }
  const ui_language language = view.form.language;
  html += "<nav class=\"ssrlink-manager-pages\" aria-label=\"";
  html += html_escape(text(manager_text::pages_label, language));
  html += "\">";
  if (filter.offset > 0) {
    html += "<a class=\"ssrlink-manager-button\" rel=\"prev\" href=\"";
    html += page_href(view, filter.offset > filter.limit ? filter.offset - filter.limit : 0);
    html += "\">";
    html += html_escape(text(manager_text::previous_page, language));
    html += "</a>";
  }
  if (view.more) {
    html += "<a class=\"ssrlink-manager-button\" rel=\"next\" href=\"";
    html += page_href(view, filter.offset + filter.limit);
    html += "\">";
    html += html_escape(text(manager_text::next_page, language));
    html += "</a>";
  }
  html += "</nav>";
}

}  // namespace ssrlink::core
