#include "manager_request.hpp"

#include <algorithm>
#include <optional>

#include "../json/json_fields.hpp"
#include "../text/ascii.hpp"

namespace ssrlink::core {
namespace {

// BCP 47 tags are short; a longer "language" is a mistake, not a language.
constexpr std::size_t max_language_bytes = 35;

// Rule 2: what a URL must percent-encode, and what could end an HTML attribute.
bool forbidden_in_url(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u == 0x7f) {
    return true;  // control characters and the space
  }
  constexpr std::string_view unsafe = "\"'<>\\`{}|^";
  return unsafe.find(c) != std::string_view::npos;
}

// Rule 3, absolute: "http://" or "https://" (any case) and a host before the path.
bool is_http_url(std::string_view url) {
  for (const std::string_view scheme :
       {std::string_view("https://"), std::string_view("http://")}) {
    if (url.size() > scheme.size() && ascii_lower(url.substr(0, scheme.size())) == scheme) {
      const char first = url[scheme.size()];
      return first != '/' && first != '?' && first != '#' && first != '@' && first != ':';
    }
  }
  return false;
}

// Rule 3, relative: no scheme (no ':' before the first '/', '?' or '#') and no host ("//").
bool is_relative_reference(std::string_view url) {
  if (url.starts_with("//")) {
    return false;
  }
  const std::size_t end = url.find_first_of("/?#");
  return url.substr(0, end).find(':') == std::string_view::npos;
}

std::string checked_action_url(json_fields &fields) {
  std::string url = fields.required_string("action_url");
  if (url.empty() || url.size() > max_action_url_bytes) {  // rule 1
    fields.fail("action_url", "must be 1 to " + std::to_string(max_action_url_bytes) + " bytes");
  }
  if (std::any_of(url.begin(), url.end(), forbidden_in_url)) {  // rule 2
    fields.fail("action_url",
                "must be a URL without spaces, quotes, angle brackets, backslashes or control "
                "characters (percent-encode them)");
  }
  if (!is_http_url(url) && !is_relative_reference(url)) {  // rule 3
    fields.fail("action_url",
                "must be an http or https URL with a host, or a relative path such as "
                "\"/ssrlink/queue\"");
  }
  return url;
}

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || c == '[' || c == ']';
}

std::vector<std::pair<std::string, std::string>> checked_hidden(json_fields &fields) {
  std::vector<std::pair<std::string, std::string>> hidden;
  const boost::json::object *object = fields.optional_object("hidden");
  if (object == nullptr) {
    return hidden;
  }
  if (object->size() > max_hidden_fields) {  // rule 4
    fields.fail("hidden", "must have at most " + std::to_string(max_hidden_fields) + " fields");
  }
  json_fields values(*object, fields.name("hidden") + ".", status::invalid_argument);
  for (const auto &field : *object) {
    const std::string_view name = field.key();
    if (name.empty() || name.size() > max_hidden_name_bytes ||
        !std::all_of(name.begin(), name.end(), is_name_character)) {  // rule 5
      fields.fail("hidden", "must name its fields with 1 to " +
                                std::to_string(max_hidden_name_bytes) +
                                " letters, digits or _ - . : [ ]");
    }
    if (std::find(reserved_field_names.begin(), reserved_field_names.end(), name) !=
        reserved_field_names.end()) {  // rule 5
      values.fail(name,
                  "is a field the fragment writes itself; give the host's field another name");
    }
    const std::optional<std::string> value = values.optional_string(name);
    if (!value) {  // a JSON null: the field is absent from the forms too
      continue;
    }
    if (value->size() > max_hidden_value_bytes) {  // rule 6
      values.fail(name, "must be at most " + std::to_string(max_hidden_value_bytes) + " bytes");
    }
    if (!value->empty()) {
      if (const auto problem = identifier_problem(*value, max_hidden_value_bytes)) {  // rule 6
        values.fail(name, *problem);
      }
    }
    hidden.emplace_back(name, *value);
  }
  return hidden;
}

}  // namespace

manager_form parse_manager_form(const boost::json::object &html) {
  json_fields fields(html, "html.", status::invalid_argument);
  manager_form form;
  form.action_url = checked_action_url(fields);  // rules 1 to 3
  form.hidden = checked_hidden(fields);          // rules 4 to 6
  if (const std::optional<std::string> language = fields.optional_string("language")) {
    if (language->size() > max_language_bytes) {  // rule 7
      fields.fail("language", "must be a language tag such as \"en\" or \"es\"");
    }
    form.language = parse_ui_language(*language);
  }
  fields.reject_unknown();  // rule 8
  return form;
}

}  // namespace ssrlink::core
