#include "page_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <utility>

#include "../catalogue/report_catalogue.hpp"
#include "../render/family_renderer.hpp"
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

std::string family_result_json(const std::vector<family_member> &members,
                               const std::optional<page_instructions> &instructions,
                               const page_request &request) {
  family_view view;
  view.language = request.language;
  view.page = request.page;
  view.refresh_url = request.refresh_url;
  view.instructions = instructions;

  json::array students;
  for (const auto &member : members) {
    const page_answer &page = member.page;
    json::array reports;
    for (const auto &link : page.reports) {
      reports.push_back(report_json(link, request.language));
    }
    json::object student;
    student["student_id"] = member.student.student_id;
    student["first_name"] = cleaned_first_name(member.student.first_name);
    student["outcome"] = to_string(page.outcome);
    student["message"] = optional_text(page.message);
    student["reports"] = std::move(reports);
    students.push_back(std::move(student));
    view.students.push_back({.first_name = member.student.first_name,
                             .message = page.message,
                             .hint = page.hint,
                             .reports = page.reports});
  }

  json::object result;
  result["outcome"] = "family";
  result["students"] = std::move(students);
  result["instructions"] = instructions_json(instructions);
  result["html"] = render_family_page(view);
  return json::serialize(result);
}

std::string family_refusal_json(const page_request &request) {
  const std::string sentence(text(ui_text::not_permitted, request.language));
  std::string html = "<section class=\"ssrlink ssrlink-family\" lang=\"";
  html += language_tag(request.language);
  html += "\"><h2 class=\"ssrlink-title\">";
  html += html_escape(page_heading(request.page, request.language));
  html += "</h2>";
  html += message_box_html(sentence, std::nullopt);
  html += "</section>";

  json::object result;
  result["outcome"] = "denied";
  result["message"] = sentence;
  result["students"] = json::array();
  result["instructions"] = nullptr;
  result["html"] = html;
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
