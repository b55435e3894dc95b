#include "zone_files.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "../settings/time_zone_name.hpp"

namespace ssrlink::core {

namespace {

constexpr std::uintmax_t max_zone_file_bytes = std::uintmax_t{1} << 20;

}  // namespace

zone_source zoneinfo_directory(std::string directory) {
  if (directory.empty()) {
    directory = std::string(system_zoneinfo_dir);
  }
  return [directory =
              std::move(directory)](const std::string &zone_name) -> std::optional<std::string> {
    // Rule 1.
    if (!is_plain_time_zone_name(zone_name)) {
      return std::nullopt;
    }
    // Rule 2.
    const std::filesystem::path file = std::filesystem::path(directory) / zone_name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec) ||
        std::filesystem::file_size(file, ec) > max_zone_file_bytes || ec) {
      return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
      return std::nullopt;
    }
    return bytes;
  };
}

std::optional<time_zone> load_zone(const zone_source &source, const std::string &zone_name) {
  if (!source) {
    return std::nullopt;
  }
  // Rule 3.
  const std::optional<std::string> bytes = source(zone_name);
  return bytes ? time_zone::from_tzif(*bytes) : std::nullopt;
}

}  // namespace ssrlink::core
