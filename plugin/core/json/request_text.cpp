#include "request_text.hpp"

#include "../text/utf8.hpp"

namespace ssrlink::core {
namespace {

std::optional<std::string> string_problem(std::string_view text) {
  if (!is_valid_utf8(text)) {
    return std::string("is not valid UTF-8");
  }
  if (text.find('\0') != std::string_view::npos) {
    return std::string("contains a NUL character");
  }
  return std::nullopt;
}

std::string quoted(const std::string &path) {
  return "\"" + path + "\"";
}

std::optional<std::string> walk(const boost::json::value &value, const std::string &path) {
  if (value.is_string()) {
    if (auto problem = string_problem(value.as_string())) {
      return quoted(path) + " " + *problem;
    }
    return std::nullopt;
  }
  if (value.is_array()) {
    std::size_t index = 0;
    for (const auto &item : value.as_array()) {
      if (auto problem = walk(item, path + "[" + std::to_string(index++) + "]")) {
        return problem;
      }
    }
    return std::nullopt;
  }
  if (value.is_object()) {
    for (const auto &entry : value.as_object()) {
      const std::string_view key = entry.key();
      if (auto problem = string_problem(key)) {
        return "A key" + std::string(path.empty() ? "" : " in " + quoted(path)) + " " + *problem;
      }
      if (auto problem = walk(entry.value(),
                              path.empty() ? std::string(key) : path + "." + std::string(key))) {
        return problem;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      return at;
    }
    at += length;
  }
  return std::nullopt;
}

bool is_valid_utf8(std::string_view text) {
  return !first_invalid_utf8(text).has_value();
}

std::optional<std::string> request_text_problem(const boost::json::value &request) {
  return walk(request, "");
}

std::optional<std::string> identifier_problem(std::string_view text, std::size_t max_bytes) {
  if (text.empty()) {
    return std::string("must not be empty");
  }
  if (text.size() > max_bytes) {
    return "must be at most " + std::to_string(max_bytes) + " bytes";
  }
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      return std::string("is not valid UTF-8");
    }
    if (is_line_control(utf8_code_point(text, at, length))) {
      return std::string("must not contain control characters");
    }
    at += length;
  }
  return std::nullopt;
}

}  // namespace ssrlink::core
