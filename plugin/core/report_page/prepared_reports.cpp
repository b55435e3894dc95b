#include "prepared_reports.hpp"

#include <algorithm>
#include <boost/json/value.hpp>

#include "../catalogue/report_catalogue.hpp"
#include "../json/json_text.hpp"
#include "../render/text_safety.hpp"
#include "../sweep/report_identity.hpp"
#include "page_answer.hpp"

namespace ssrlink::core {
namespace {

namespace json = boost::json;

report_link cleaned(const report_link &link) {  // rule 2
  return report_link{clipped_text(link.test, max_field_bytes),
                     clipped_text(link.name, max_field_bytes),
                     clipped_text(link.year, max_field_bytes),
                     clipped_text(link.grade, max_field_bytes),
                     clipped_text(link.subject, max_field_bytes),
                     clipped_text(link.language, max_field_bytes),
                     clipped_text(link.format, max_field_bytes),
                     clipped_text(link.status, max_field_bytes),
                     link.url,
                     link.expires_at};
}

// `"name":` then `value` as a JSON string; a comma first unless it opens the object.
void append_member(std::string &out, std::string_view name, std::string_view value,
                   bool first = false) {
  if (!first) {
    out += ',';
  }
  append_json_string(out, name);
  out += ':';
  append_json_string(out, value);
}

// The audit row's "offered": test, year, language and format of each link, never a URL.
std::string offered_of(const report_links &links) {
  std::string out = "[";
  for (const auto &link : links) {
    if (out.size() > 1) {
      out += ',';
    }
    out += '{';
    append_member(out, "test", link.test, true);
    append_member(out, "year", link.year);
    append_member(out, "language", link.language);
    append_member(out, "format", link.format);
    out += '}';
  }
  out += ']';
  return out;
}

// report_json's object written as text (the same members in the same order): preparing a fresh
// answer is on every cold page's path, where building and serializing Boost.JSON objects cost
// more than the writing itself.
void append_report_json(std::string &out, const report_link &link, ui_language language) {
  out += '{';
  append_member(out, "test", link.test, true);
  append_member(out, "name", link.name);
  append_member(out, "year", link.year);
  append_member(out, "grade", link.grade);
  append_member(out, "subject", link.subject);
  append_member(out, "language", link.language);
  append_member(out, "language_name",
                clipped_text(report_language_name(link.language, language), max_field_bytes));
  append_member(out, "format", link.format);
  append_member(out, "status", link.status);
  append_member(out, "url", link.url);
  append_member(out, "expires_at", format_utc(link.expires_at));
  out += '}';
}

std::vector<std::string> keys_of(const report_links &links) {
  // One key per report (test and year), not per link: the English and Spanish PDF of one result
  // are one report to the notification log.
  std::vector<std::string> keys;
  for (const auto &link : links) {
    std::string key = report_key(link);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(std::move(key));
    }
  }
  return keys;
}

}  // namespace

json::object report_json(const report_link &link, ui_language language) {
  return json::object{{"test", link.test},
                      {"name", link.name},
                      {"year", link.year},
                      {"grade", link.grade},
                      {"subject", link.subject},
                      {"language", link.language},
                      {"language_name", clipped_text(report_language_name(link.language, language),
                                                     max_field_bytes)},
                      {"format", link.format},
                      {"status", link.status},
                      {"url", link.url},
                      {"expires_at", format_utc(link.expires_at)}};
}

std::shared_ptr<const prepared_reports> prepare_reports(const report_links &links,
                                                        report_page_kind page, ui_language language,
                                                        const link_allow_list &allow_list) {
  auto out = std::make_shared<prepared_reports>();
  for (const auto &link : links) {  // rule 1
    if (page == report_page_kind::language_assessment && !is_language_assessment_test(link.test)) {
      continue;
    }
    if (!allow_list.allows(link.url)) {
      out->dropped.push_back(describe_link_for_log(link.url));
      continue;
    }
    out->links.push_back(cleaned(link));  // rule 2
  }
  sort_for_display(out->links);  // rule 3

  out->reports_json.push_back('[');
  for (const auto &link : out->links) {
    if (out->reports_json.size() > 1) {
      out->reports_json += ',';
    }
    append_report_json(out->reports_json, link, language);
    if (!out->links_expire_at || link.expires_at < *out->links_expire_at) {
      out->links_expire_at = link.expires_at;
    }
  }
  out->reports_json += ']';
  append_json_chars(out->body_json, report_body_html(out->links, language));
  out->offered_json = offered_of(out->links);
  out->report_keys = keys_of(out->links);
  return out;
}

}  // namespace ssrlink::core
