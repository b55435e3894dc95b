// Reading the host's JSON (config and requests) strictly: every key must be known, every value of
// the right type, and every mistake becomes a sentence that names the key.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../error.hpp"
#include "request_text.hpp"

namespace ssrlink::core {

// Requests larger than this are refused before parsing (a page request is well under 1 KiB).
inline constexpr std::size_t max_request_bytes = std::size_t{256} * 1024;

// Parses `text` as one JSON object. Malformed JSON, a non-object or an oversized text throw
// failure(invalid_argument) with a sentence that starts with `what` ("The request"); so does a
// string anywhere in it that is not valid UTF-8 or holds a NUL, naming its key
// (request_text.hpp). Bytes that are not valid UTF-8 outside any string (where JSON allows only
// ASCII) are named as such with their byte offset, never as a JSON syntax error: the fix the
// host needs is its encoding, not its JSON.
boost::json::object parse_json_object(std::string_view text, std::string_view what);

// The largest whole number taken as a code: 2^53 - 1, the largest integer every JSON reader keeps
// exact (JavaScript and many others read numbers as doubles), so a larger one may already have
// been changed by the host's own JSON library before we see it.
inline constexpr std::uint64_t max_code_number = (std::uint64_t{1} << 53) - 1;

// One code (a scope, a school code): the text it stands for, or what is wrong with it.
struct code_reading {
  std::optional<std::string> text;
  std::string problem;  // set when text is empty: "must not be negative (got -3)"
};

// Reads a code given as a string or as a JSON integer.
//
// Rules (in this order):
//  1. A string is taken as it is.
//  2. An integer from 0 to max_code_number is taken as its decimal text (12 → "12"): hosts
//     such as Aeries keep school codes as integers and send them as JSON numbers.
//  3. A negative number, a number with a fraction or an exponent (12.5, 1e3), a number above
//     max_code_number, true/false, an array or an object is refused with a sentence saying so.
//  4. The text is an identifier (request_text.hpp, rule 3) of at most `max_bytes` bytes.
code_reading read_code(const boost::json::value &value, std::size_t max_bytes);

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
  // A scope or a school code, string or integer (read_code); the message names the key.
  std::string required_code(std::string_view key, std::size_t max_bytes);
  std::optional<std::string> optional_code(std::string_view key, std::size_t max_bytes);
  // An array of school codes, each read by read_code with max_code_bytes.
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
