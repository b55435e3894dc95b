// Report links at rest: after pages of several students were shown, neither the database file,
// nor its write-ahead log, shared-memory index or rollback journal, nor a dump of the database
// holds a usable report link. The shared link cache table is sealed with the seal key.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

namespace fs = std::filesystem;

constexpr const char *admin = R"({"role": "admin", "user_id": "a-1", "permitted": true})";

std::string bytes_of(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct student_case {
  student id;
  const char *ssid;
};

TEST(LinksAtRest, NoUsableLinkInTheDatabaseItsJournalsOrADump) {
  clock_offset_ms = 0;
  const std::vector<student_case> students = {
      {plain, "1000000001"},        {dnr, "1000000022"},
      {hidden, "1000000023"},       {contact_hidden, "1000000024"},
      {other_school, "1000000031"}, {deleted_contact, "1000000032"}};

  std::vector<std::string> urls;
  for (const auto &s : students) {
    // Refresh, so an entry older than the refresh floor is fetched and written again now.
    const answer a = shared->page(s.id, admin, R"(, "refresh": true)");
    ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
    ASSERT_EQ(a.json.at("outcome").as_string(), "reports") << "student " << s.id;
    const auto &reports = a.json.at("reports").as_array();
    ASSERT_FALSE(reports.empty()) << "student " << s.id;
    for (const auto &report : reports) {
      const std::string url(report.at("url").as_string());
      ASSERT_EQ(url.rfind("https://127.0.0.1", 0), 0U) << url;
      urls.push_back(url);
    }
  }

  // The cache was written for every student (so the checks below are not vacuous), and only
  // in sealed form. An SSID may have a second, older row under an earlier credential set.
  for (const auto &s : students) {
    const std::string rows =
        shared->query("SELECT COUNT(*) FROM ssrlink_link_cache WHERE cache_key LIKE 'ssr:10:" +
                      std::string(s.ssid) + ":%'");
    EXPECT_GE(std::stoll(rows), 1) << "no shared cache entry for SSID " << s.ssid;
  }
  EXPECT_EQ(shared->query("SELECT COUNT(*) FROM ssrlink_link_cache WHERE payload NOT LIKE "
                          "'ssrseal1:%'"),
            "0");

  struct place {
    std::string name;
    std::string bytes;
  };
  std::vector<place> places;
  for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
    const fs::path path = shared->database.string() + suffix;
    if (fs::exists(path)) {
      places.push_back({path.filename().string(), bytes_of(path)});
    }
  }
  ASSERT_FALSE(places.empty()) << "the database file itself must exist";
  places.push_back({"sqlite3 .dump", shared->query(".dump")});
  ASSERT_NE(places.back().bytes.find("ssrlink_link_cache"), std::string::npos);

  for (const auto &where : places) {
    SCOPED_TRACE(where.name);
    EXPECT_EQ(where.bytes.find("X-Amz-Signature"), std::string::npos);
    EXPECT_EQ(where.bytes.find("https://127.0.0.1"), std::string::npos);
    for (const auto &url : urls) {
      EXPECT_EQ(where.bytes.find(url), std::string::npos) << url;
      // The signature alone is what makes a link usable: it must not be there in any form.
      const auto at = url.find("X-Amz-Signature=");
      if (at != std::string::npos) {
        const std::string signature = url.substr(at + 16, url.find('&', at) - (at + 16));
        if (signature.size() >= 16) {
          EXPECT_EQ(where.bytes.find(signature), std::string::npos) << signature;
        }
      }
    }
  }
}

}  // namespace
}  // namespace ssrlink::e2e
