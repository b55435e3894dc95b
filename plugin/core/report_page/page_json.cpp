#include "page_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <utility>

#include "../catalogue/report_catalogue.hpp"
#include "../render/page_renderer.hpp"
#include "../render/text_safety.hpp"

namespace ssrlink::core {
namespace {

namespace json = boost::json;

json::value optional_text(const std::optional<std::string> &value) {
  return value ? json::value(*value) : json::value(nullptr);
}

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

json::value instructions_json(const std::optional<page_instructions> &instructions) {
  if (!instructions) {
    return nullptr;
  }
  return json::object{{"language", language_tag(instructions->language)},
                      {"text", instructions->text}};
}

std::string page_html(const page_answer &page, const page_request &request) {
  page_view view;
  view.language = request.language;
  view.page = request.page;
  view.message = page.message;
  view.hint = page.hint;
  view.instructions = page.instructions;
  view.reports = page.reports;
  view.refresh_url = request.refresh_url;
  return render_report_page(view);
}

}  // namespace

std::string page_result_json(const page_answer &page, const page_request &request) {
  json::array reports;
  std::optional<time_point> earliest;
  for (const auto &link : page.reports) {
    reports.push_back(report_json(link, request.language));
    if (!earliest || link.expires_at < *earliest) {
      earliest = link.expires_at;
    }
  }

  json::object result;
  result["outcome"] = to_string(page.outcome);
  result["message"] = optional_text(page.message);
  result["hint"] = optional_text(page.hint);
  result["links_expire_at"] = earliest ? json::value(format_utc(*earliest)) : json::value(nullptr);
  result["reports"] = std::move(reports);
  result["cached"] = page.cached;
  result["instructions"] = instructions_json(page.instructions);
  result["html"] = page_html(page, request);
  return json::serialize(result);
}

std::string offered_json(const report_links &reports) {
  json::array offered;
  for (const auto &link : reports) {
    offered.push_back(json::object{{"test", link.test},
                                   {"year", link.year},
                                   {"language", link.language},
                                   {"format", link.format}});
  }
  return json::serialize(offered);
}

}  // namespace ssrlink::core
