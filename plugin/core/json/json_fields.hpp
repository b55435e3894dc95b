// Reading the host's JSON (config and requests) strictly: every key must be known, every value of
// the right type, and every mistake becomes a sentence that names the key.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../error.hpp"

namespace ssrlink::core {

// Requests larger than this are refused before parsing (a page request is well under 1 KiB).
inline constexpr std::size_t max_request_bytes = std::size_t{256} * 1024;

// Parses `text` as one JSON object. Malformed JSON, a non-object or an oversized text throw
// failure(invalid_argument) with a sentence that starts with `what` ("The request"); so does a
// string anywhere in it that is not valid UTF-8 or holds a NUL, naming its key
// (request_text.hpp).
boost::json::object parse_json_object(std::string_view text, std::string_view what);

// Typed access to one JSON object. `path` prefixes key names in messages ("ets." gives
// "ets.timeout_ms"); `on_error` is the status thrown for wrong types and values (config errors
// are status::config, request errors status::invalid_argument). A JSON null counts as absent.
class json_fields {
 public:
  json_fields(const boost::json::object &object, std::string path, status on_error);

  std::string required_string(std::string_view key);
  std::optional<std::string> optional_string(std::string_view key);
  std::optional<bool> optional_bool(std::string_view key);
  std::int64_t required_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min,
                                           std::int64_t max);
  const boost::json::object &required_object(std::string_view key);
  const boost::json::object *optional_object(std::string_view key);
  std::optional<std::vector<std::string>> optional_string_array(std::string_view key);
  // Identifiers (request_text.hpp, rule 3): a string of at most `max_bytes` bytes, not empty,
  // without control characters.
  std::string required_identifier(std::string_view key, std::size_t max_bytes);
  std::optional<std::string> optional_identifier(std::string_view key, std::size_t max_bytes);
  // An array of school codes: strings, or whole numbers taken as their decimal text (hosts
  // whose school codes are integers), each an identifier.
  std::optional<std::vector<std::string>> optional_code_array(std::string_view key);

  // Throws when the object holds a key none of the accessors above asked for.
  void reject_unknown() const;

  // "ets.timeout_ms": the key as messages name it.
  std::string name(std::string_view key) const;
  // The same in double quotes, "\"ets.timeout_ms\"", ready to start a sentence.
  std::string quoted_name(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, std::string_view must_be) const;

 private:
  const boost::json::value *find(std::string_view key);

  const boost::json::object &object_;
  std::string path_;
  status on_error_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace ssrlink::core
