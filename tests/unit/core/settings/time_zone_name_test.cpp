// time_zone_name.hpp, rule by rule: a plain IANA name (rule 1), and a zone file that exists
// (rule 2), against a zone directory of the test's own and against the system's (tzdata).
#include "core/settings/time_zone_name.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ssrlink::test {
namespace {

namespace fs = std::filesystem;
using namespace core;

TEST(time_zone_name, rule_1_plain_names_pass) {
  for (const char *name : {"America/Los_Angeles", "UTC", "Etc/GMT+8", "Etc/GMT-14",
                           "America/Argentina/Buenos_Aires", "America/Port-au-Prince"}) {
    EXPECT_TRUE(is_plain_time_zone_name(name)) << name;
  }
}

TEST(time_zone_name, rule_1_refuses_paths_and_other_characters) {
  for (const char *name :
       {"", "/etc/passwd", "../../etc/passwd", "America/../../etc/passwd", "America/Los Angeles",
        "America\\Los_Angeles", "zone.tab", "America/Los_Angeles\n", "UTC;", "Zürich"}) {
    EXPECT_FALSE(is_plain_time_zone_name(name)) << name;
  }
  EXPECT_TRUE(is_plain_time_zone_name(std::string(max_time_zone_bytes, 'A')));
  EXPECT_FALSE(is_plain_time_zone_name(std::string(max_time_zone_bytes + 1, 'A')));
}

TEST(time_zone_name, rule_2_the_zone_file_must_exist) {
  const fs::path root =
      fs::temp_directory_path() / ("ssrlink-zoneinfo-" + std::to_string(::getpid()));
  const fs::path zones = root / "zoneinfo";
  fs::create_directories(zones / "America");
  std::ofstream(zones / "America" / "Los_Angeles") << "TZif";
  std::ofstream(root / "outside") << "TZif";
  std::ofstream(zones / "leapseconds") << "# Allowance for leap seconds";
  EXPECT_TRUE(is_known_time_zone("America/Los_Angeles", zones));
  EXPECT_FALSE(is_known_time_zone("leapseconds", zones)) << "a data file is not a zone";
  EXPECT_FALSE(is_known_time_zone("America/Atlantis", zones)) << "no such file";
  EXPECT_FALSE(is_known_time_zone("America", zones)) << "a directory is not a zone";
  EXPECT_FALSE(is_known_time_zone("America/", zones));
  EXPECT_FALSE(is_known_time_zone("../outside", zones)) << "rule 1 comes first";
  fs::remove_all(root);
}

TEST(time_zone_name, the_system_database_knows_the_districts_zone) {
  // tools/setup-debian.sh installs tzdata.
  EXPECT_TRUE(is_known_time_zone("America/Los_Angeles"));
  EXPECT_TRUE(is_known_time_zone("UTC"));
  EXPECT_FALSE(is_known_time_zone("America/Atlantis"));
  EXPECT_FALSE(is_known_time_zone("leapseconds"));
}

}  // namespace
}  // namespace ssrlink::test
