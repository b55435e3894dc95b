#include "page_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <utility>

#include "../json/json_text.hpp"
#include "../render/family_renderer.hpp"
#include "../render/page_renderer.hpp"
#include "../render/text_safety.hpp"

namespace ssrlink::core {
namespace {

namespace json = boost::json;

json::value optional_text(const std::optional<std::string> &value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value instructions_json(const std::optional<page_instructions> &instructions) {
  if (!instructions) {
    return nullptr;
  }
  return json::object{{"language", language_tag(instructions->language)},
                      {"text", instructions->text}};
}

void append_optional_string(std::string &out, const std::optional<std::string> &value) {
  if (value) {
    append_json_string(out, *value);
  } else {
    out += "null";
  }
}

}  // namespace

std::string page_result_json(const page_answer &page, const page_request &request) {
  // Written by hand into one buffer: on a warm page everything long (the reports, the buttons)
  // was written once for the cache entry (prepared_reports) and is only copied here. The HTML is
  // render_report_page's, part by part; the page_json tests hold the two to the same text.
  const prepared_reports *shown = page.shown.get();
  const bool with_links = shown != nullptr && !shown->links.empty();
  std::string out;
  out.reserve(1024 + (shown != nullptr ? shown->reports_json.size() + shown->body_json.size() : 0));
  out += R"({"outcome":")";
  out += to_string(page.outcome);
  out += R"(","message":)";
  append_optional_string(out, page.message);
  out += R"(,"hint":)";
  append_optional_string(out, page.hint);
  out += R"(,"links_expire_at":)";
  if (with_links && shown->links_expire_at) {
    append_json_string(out, format_utc(*shown->links_expire_at));
  } else {
    out += "null";
  }
  out += R"(,"reports":)";
  out += with_links ? std::string_view(shown->reports_json) : std::string_view("[]");
  out += R"(,"cached":)";
  out += page.cached ? "true" : "false";
  out += R"(,"instructions":)";
  if (page.instructions) {
    out += R"({"language":")";
    out += language_tag(page.instructions->language);
    out += R"(","text":)";
    append_json_string(out, page.instructions->text);
    out += '}';
  } else {
    out += "null";
  }
  out += R"(,"html":")";
  append_json_chars(out, page_opening_html(request.page, request.language));
  append_json_chars(out, message_box_html(page.message, page.hint));
  if (page.instructions) {
    append_json_chars(out, instructions_html(*page.instructions));
  }
  if (with_links) {
    out += shown->body_json;
    append_json_chars(out, refresh_notice_html(request.refresh_url, request.language));
  }
  append_json_chars(out, "</section>");
  out += "\"}";
  return out;
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
    for (const auto &link : page.reports()) {
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
                             .reports = page.reports()});
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

}  // namespace ssrlink::core
