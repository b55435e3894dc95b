// How the adapter reads and writes the host's column conventions: flag columns (SMALLINT or
// BIT, 0 or 1, possibly NULL) and text columns of a fixed width (VARCHAR(n), sizes in
// sql/<dialect>/migrations).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/text/utf8.hpp"

namespace ssrlink::odbc {

// A flag column as a bool: NULL and 0 are false, anything else true (a host's view may say -1
// for true, as some DBMSs' BIT-to-integer casts do).
inline bool flag(const std::optional<std::int64_t> &value) {
  return value.value_or(0) != 0;
}

// `text` cut to at most `width` bytes without splitting a UTF-8 sequence: hostile or over-long
// input (ETS data, audit fields) still gets its row rather than failing the statement, and the
// cut never leaves invalid UTF-8, which PostgreSQL would refuse.
inline std::string clip_to_width(std::string_view text, std::size_t width) {
  return std::string(text.substr(0, core::utf8_cut(text, width)));
}

}  // namespace ssrlink::odbc
