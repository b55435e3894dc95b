#include "page_request.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <limits>

#include "../json/json_fields.hpp"
#include "../json/request_text.hpp"
#include "../render/link_allow_list.hpp"

namespace ssrlink::core {
namespace {

// A request without student_id (or with null) from a viewer whose role is "parent" asks for the
// family page. Read before the fields are checked, so every other request without student_id is
// refused naming student_id first, exactly as before the family page existed; the viewer is
// then checked in full like any other.
bool asks_for_family(const boost::json::object &object) {
  if (const auto *student = object.if_contains("student_id");
      student != nullptr && !student->is_null()) {
    return false;
  }
  const auto *who = object.if_contains("viewer");
  if (who == nullptr || !who->is_object()) {
    return false;
  }
  const auto *role = who->as_object().if_contains("role");
  return role != nullptr && role->is_string() && role->as_string() == "parent";
}

}  // namespace

std::string_view role_name(viewer_role role) {
  switch (role) {
    case viewer_role::admin:
      return "admin";
    case viewer_role::staff:
      return "staff";
    case viewer_role::teacher:
      return "teacher";
    case viewer_role::parent:
      return "parent";
    case viewer_role::student:
      return "student";
  }
  return "unknown";
}

std::string_view page_name(report_page_kind page) {
  return page == report_page_kind::language_assessment ? "language_assessment" : "test_scores";
}

bool is_acceptable_refresh_url(std::string_view url) {
  if (url.empty() || url.size() > 2048) {
    return false;
  }
  const bool plain = std::all_of(url.begin(), url.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b > 0x20 && b < 0x7F && c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\' &&
           c != '`';
  });
  if (!plain) {
    return false;
  }
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') {
    return false;  // scheme-relative: another host
  }
  const auto colon = url.find(':');
  const auto first_delimiter = url.find_first_of("/?#");
  if (colon == std::string_view::npos ||
      (first_delimiter != std::string_view::npos && first_delimiter < colon)) {
    return true;  // relative: no scheme
  }
  return link_allow_list::https_host(url).has_value();
}

page_request parse_page_request(std::string_view json) {
  const auto object = parse_json_object(json, "The reports request");
  json_fields fields(object, "", status::invalid_argument);
  page_request request;
  if (asks_for_family(object)) {
    request.family = true;
    fields.optional_int("student_id", 1, 1);  // a null student_id is read as absent
  } else {
    request.student_id =
        fields.required_int("student_id", 1, std::numeric_limits<std::int64_t>::max());
  }

  if (const auto page = fields.optional_string("page")) {
    if (*page == "test_scores") {
      request.page = report_page_kind::test_scores;
    } else if (*page == "language_assessment") {
      request.page = report_page_kind::language_assessment;
    } else {
      fields.fail("page", "must be \"test_scores\" or \"language_assessment\"");
    }
  }
  if (const auto language = fields.optional_string("ui_language")) {
    request.language = parse_ui_language(*language);
  }
  request.refresh = fields.optional_bool("refresh").value_or(false);
  if (auto refresh_url = fields.optional_string("refresh_url")) {
    if (!is_acceptable_refresh_url(*refresh_url)) {
      fields.fail("refresh_url", "must be a relative URL or an https URL");
    }
    request.refresh_url = std::move(*refresh_url);
  }

  json_fields who(fields.required_object("viewer"), "viewer.", status::invalid_argument);
  const std::string role = who.required_string("role");
  if (role == "admin") {
    request.who.role = viewer_role::admin;
  } else if (role == "staff") {
    request.who.role = viewer_role::staff;
  } else if (role == "teacher") {
    request.who.role = viewer_role::teacher;
  } else if (role == "parent") {
    request.who.role = viewer_role::parent;
  } else if (role == "student") {
    request.who.role = viewer_role::student;
  } else {
    who.fail("role", "must be one of admin, staff, teacher, parent, student");
  }
  request.who.user_id = who.required_identifier("user_id", max_user_id_bytes);
  request.who.permitted = who.optional_bool("permitted").value_or(false);
  if (const auto sequence =
          who.optional_int("contact_sequence", 0, std::numeric_limits<int>::max())) {
    request.who.contact_sequence = static_cast<int>(*sequence);
  }
  request.who.student_id =
      who.optional_int("student_id", 1, std::numeric_limits<std::int64_t>::max());
  request.who.school_codes = who.optional_code_array("school_codes");
  if (request.who.role == viewer_role::teacher && !request.who.school_codes) {
    who.fail("school_codes", "is required for teachers: the schools the teacher works at");
  }
  who.reject_unknown();
  fields.reject_unknown();
  return request;
}

}  // namespace ssrlink::core
