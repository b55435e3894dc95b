// Small TZif files made to order for the time zone tests: a header, an empty version 1 block
// and the version 2 block with the transitions, types and footer given, so a test can hold each
// reading rule of time_zone.hpp to a file that breaks only that rule.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ssrlink::testing {

struct tzif_spec {
  char version = '2';
  std::vector<std::pair<std::int64_t, std::uint8_t>> transitions;  // (UTC seconds, type index)
  std::vector<std::int32_t> offsets = {0};                         // one type per offset
  std::uint32_t leap_seconds = 0;
  std::string footer = "UTC0";  // written between newlines
};

inline void put_be(std::string &out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out += static_cast<char>((value >> shift) & 0xFF);
  }
}

inline void put_header(std::string &out, char version, std::uint32_t leap, std::uint32_t times,
                       std::uint32_t types, std::uint32_t chars) {
  out += "TZif";
  out += version;
  out.append(15, '\0');
  for (const std::uint32_t count : {0u, 0u, leap, times, types, chars}) {
    put_be(out, count, 4);
  }
}

inline std::string tzif(const tzif_spec &spec) {
  std::string out;
  put_header(out, spec.version, 0, 0, 0, 0);  // version 1 block: empty
  const auto times = static_cast<std::uint32_t>(spec.transitions.size());
  const auto types = static_cast<std::uint32_t>(spec.offsets.size());
  put_header(out, spec.version, spec.leap_seconds, times, types, 4);
  for (const auto &[at, type] : spec.transitions) {
    put_be(out, static_cast<std::uint64_t>(at), 8);
  }
  for (const auto &[at, type] : spec.transitions) {
    out += static_cast<char>(type);
  }
  for (const std::int32_t offset : spec.offsets) {
    put_be(out, static_cast<std::uint32_t>(offset), 4);
    out += '\0';  // isdst
    out += '\0';  // abbreviation index
  }
  out += std::string("ZZZ\0", 4);
  for (std::uint32_t k = 0; k < spec.leap_seconds; ++k) {
    put_be(out, 78796800, 8);  // 1972-07-01
    put_be(out, k + 1, 4);
  }
  out += "\n" + spec.footer + "\n";
  return out;
}

}  // namespace ssrlink::testing
