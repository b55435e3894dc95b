#include "json_fields.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <cmath>
#include <limits>

#include "request_text.hpp"

namespace ssrlink::core {

boost::json::object parse_json_object(std::string_view text, std::string_view what) {
  const std::string subject(what);
  if (text.size() > max_request_bytes) {
    throw failure(status::invalid_argument, subject + " is larger than " +
                                                std::to_string(max_request_bytes / 1024) +
                                                " KiB; nothing was done.");
  }
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  // UTF-8 is checked after parsing, by request_text_problem, so the error can name the key.
  options.allow_invalid_utf8 = true;
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) {
    // A parse error may be the first symptom of bytes that are not UTF-8 at all (Latin-1 or
    // UTF-16 text, or bytes cut off mid-character): say so, at the first bad byte. Inside
    // strings the parser lets them through, and request_text_problem below names the key.
    if (const auto offset = first_invalid_utf8(text)) {
      throw failure(status::invalid_argument,
                    subject + " is not valid UTF-8 (the first bad byte is at offset " +
                        std::to_string(*offset) + "); nothing was done.");
    }
    throw failure(status::invalid_argument,
                  subject + " is not valid JSON (" + ec.message() + "); nothing was done.");
  }
  if (!value.is_object()) {
    throw failure(status::invalid_argument, subject + " must be a JSON object.");
  }
  if (const auto problem = request_text_problem(value)) {
    throw failure(status::invalid_argument, subject + ": " + *problem + "; nothing was done.");
  }
  return std::move(value.as_object());
}

namespace {

constexpr std::string_view code_shape = "must be a string or a whole number";

std::string shortest(double number) {
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  return std::string(buffer, end);
}

code_reading refused(std::string problem) {
  return {std::nullopt, std::move(problem)};
}

}  // namespace

code_reading read_code(const boost::json::value &value, std::size_t max_bytes) {
  const std::string too_large = "must be at most " + std::to_string(max_code_number) +
                                " as a number (the largest every JSON reader keeps exact); "
                                "send a larger code as a string";
  std::string text;
  if (value.is_string()) {  // Rule 1.
    text = std::string(value.as_string());
  } else if (value.is_int64()) {  // Rules 2 and 3.
    const std::int64_t number = value.as_int64();
    if (number < 0) {
      return refused("must not be negative (got " + std::to_string(number) + ")");
    }
    if (std::uint64_t(number) > max_code_number) {
      return refused(too_large);
    }
    text = std::to_string(number);
  } else if (value.is_uint64()) {
    if (value.as_uint64() > max_code_number) {
      return refused(too_large);
    }
    text = std::to_string(value.as_uint64());
  } else if (value.is_double()) {
    // Boost.JSON reads 12.5, 1e3 and integers beyond 64 bits as doubles.
    const double number = value.as_double();
    if (std::isfinite(number) && number == std::floor(number) &&
        std::fabs(number) > double(max_code_number)) {
      return refused(number < 0 ? "must not be negative (got " + shortest(number) + ")"
                                : too_large);
    }
    return refused(std::string(code_shape) + " without a fraction or an exponent (got " +
                   shortest(number) + ")");
  } else if (value.is_bool()) {
    return refused(std::string(code_shape) + ", not true or false");
  } else if (value.is_array()) {
    return refused(std::string(code_shape) + ", not an array");
  } else {
    return refused(std::string(code_shape) + ", not a JSON object");
  }
  // Rule 4.
  if (auto problem = identifier_problem(text, max_bytes)) {
    return refused(std::move(*problem));
  }
  return {std::move(text), {}};
}

json_fields::json_fields(const boost::json::object &object, std::string path, status on_error)
    : object_(object), path_(std::move(path)), on_error_(on_error) {}

std::string json_fields::name(std::string_view key) const {
  return path_ + std::string(key);
}

// Built by appending: GCC 12 at -O3 misreports `"\"" + std::string&&` as overlapping (-Wrestrict).
std::string json_fields::quoted_name(std::string_view key) const {
  std::string quoted;
  quoted.reserve(path_.size() + key.size() + 2);
  quoted += '"';
  quoted += path_;
  quoted += key;
  quoted += '"';
  return quoted;
}

void json_fields::fail(std::string_view key, std::string_view must_be) const {
  throw failure(on_error_, quoted_name(key) + " " + std::string(must_be) + ".");
}

const boost::json::value *json_fields::find(std::string_view key) {
  seen_.emplace(key);
  const auto *value = object_.if_contains(key);
  if (value == nullptr || value->is_null()) {
    return nullptr;
  }
  return value;
}

std::optional<std::string> json_fields::optional_string(std::string_view key) {
  const auto *value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    fail(key, "must be a string");
  }
  return std::string(value->as_string());
}

std::string json_fields::required_string(std::string_view key) {
  auto value = optional_string(key);
  if (!value) {
    fail(key, "is required");
  }
  return std::move(*value);
}

std::optional<bool> json_fields::optional_bool(std::string_view key) {
  const auto *value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_bool()) {
    fail(key, "must be true or false");
  }
  return value->as_bool();
}

std::optional<std::int64_t> json_fields::optional_int(std::string_view key, std::int64_t min,
                                                      std::int64_t max) {
  const auto *value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  std::int64_t number = 0;
  if (value->is_int64()) {
    number = value->as_int64();
  } else if (value->is_uint64() &&
             value->as_uint64() <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
    number = std::int64_t(value->as_uint64());
  } else {
    fail(key, "must be a whole number");
  }
  if (number < min || number > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return number;
}

std::int64_t json_fields::required_int(std::string_view key, std::int64_t min, std::int64_t max) {
  auto value = optional_int(key, min, max);
  if (!value) {
    fail(key, "is required");
  }
  return *value;
}

const boost::json::object *json_fields::optional_object(std::string_view key) {
  const auto *value = find(key);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_object()) {
    fail(key, "must be a JSON object");
  }
  return &value->as_object();
}

const boost::json::object &json_fields::required_object(std::string_view key) {
  const auto *value = optional_object(key);
  if (value == nullptr) {
    fail(key, "is required");
  }
  return *value;
}

std::optional<std::vector<std::string>> json_fields::optional_string_array(std::string_view key) {
  const auto *value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_array()) {
    fail(key, "must be an array of strings");
  }
  std::vector<std::string> out;
  for (const auto &item : value->as_array()) {
    if (!item.is_string()) {
      fail(key, "must be an array of strings");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<std::string> json_fields::optional_identifier(std::string_view key,
                                                            std::size_t max_bytes) {
  auto value = optional_string(key);
  if (value) {
    if (const auto problem = identifier_problem(*value, max_bytes)) {
      fail(key, *problem);
    }
  }
  return value;
}

std::string json_fields::required_identifier(std::string_view key, std::size_t max_bytes) {
  auto value = optional_identifier(key, max_bytes);
  if (!value) {
    fail(key, "is required");
  }
  return std::move(*value);
}

std::optional<std::string> json_fields::optional_code(std::string_view key, std::size_t max_bytes) {
  const auto *value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  code_reading code = read_code(*value, max_bytes);
  if (!code.text) {
    fail(key, code.problem);
  }
  return std::move(code.text);
}

std::string json_fields::required_code(std::string_view key, std::size_t max_bytes) {
  auto value = optional_code(key, max_bytes);
  if (!value) {
    fail(key, "is required");
  }
  return std::move(*value);
}

std::optional<std::vector<std::string>> json_fields::optional_code_array(std::string_view key) {
  const auto *value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_array()) {
    fail(key, "must be an array of school codes (strings or whole numbers)");
  }
  std::vector<std::string> codes;
  std::size_t index = 0;
  for (const auto &item : value->as_array()) {
    code_reading code = read_code(item, max_code_bytes);
    if (!code.text) {
      fail(key, "holds a school code (item " + std::to_string(index) + ") that " + code.problem);
    }
    codes.push_back(std::move(*code.text));
    ++index;
  }
  return codes;
}

void json_fields::reject_unknown() const {
  for (const auto &entry : object_) {
    if (seen_.find(std::string_view(entry.key())) == seen_.end()) {
      throw failure(on_error_, "Unknown key \"" + name(entry.key()) +
                                   "\"; check its spelling against docs/abi.md.");
    }
  }
}

}  // namespace ssrlink::core
