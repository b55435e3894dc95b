#include "time_zone_name.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>

namespace ssrlink::core {
namespace {

bool allowed_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
         c == '_' || c == '-' || c == '+';
}

}  // namespace

bool is_plain_time_zone_name(std::string_view name) {
  return !name.empty() && name.size() <= max_time_zone_bytes &&
         std::all_of(name.begin(), name.end(), allowed_byte) && name.front() != '/' &&
         name.find("..") == std::string_view::npos;
}

bool is_known_time_zone(std::string_view name, const std::filesystem::path &zoneinfo_dir) {
  if (!is_plain_time_zone_name(name)) {
    return false;  // rule 1
  }
  // Rule 2.
  const std::filesystem::path file = zoneinfo_dir / name;
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(file, ignored)) {
    return false;
  }
  std::array<char, 4> magic{};
  std::ifstream in(file, std::ios::binary);
  in.read(magic.data(), magic.size());
  return in.gcount() == 4 && std::string_view(magic.data(), magic.size()) == "TZif";
}

}  // namespace ssrlink::core
