// A small district whose portal accounts bind viewers to students, loaded the way a DBA loads
// it (reference-host.sql, install.sql, then the host's own rows) into a SQLite file or a real
// PostgreSQL database, with libssrlink opened on it through its C ABI and fake-ets serving its
// reports over TLS. One fake-ets and one PostgreSQL server per test binary.
//
// The families (STU.PU is the student's own account, CON.PU the account that signs in as that
// contact; school codes are "1" and "2"):
//   student 1 (school 1): contact 1 "fam-x" (rights), contact 2 "dad-x" (rights), contact 3
//                         "gran-x" (no educational rights), contact 4 "gone-x" (deleted);
//                         own account "stu-x"
//   student 2 (school 1): contact 1 "fam-y"; own account "stu-y"          (another family)
//   student 3 (school 2): contact 1 "fam-z"; own account "stu-z"          (another family)
//   student 4 (school 1): Do Not Release; contact 1 "fam-d"; own account "stu-d"
//   student 5 (school 1): Hide Contact Info; contact 1 "fam-h"; own account "stu-h"
//   student 6 (school 2): student 1's sibling: contact 1 is "fam-x" too; no own account
// Every student has an SSID with the same six reports at fake-ets.
#pragma once

#include <ssrlink/ssrlink.h>

#include <boost/json/object.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ssrlink::e2e::binding {

enum class backend { sqlite, postgresql };

// "sqlite", "postgresql": test name suffixes.
std::string backend_name(backend where);

enum student : std::int64_t {
  x = 1,
  y = 2,
  z = 3,
  dnr = 4,
  hidden = 5,
  sibling = 6,
  unknown = 999,  // no such student
};

struct answer {
  int status = -1;
  boost::json::object json;
  std::string text;

  // json["error"] or "" (for failure messages in assertions).
  std::string error() const;
};

// The sentence of ui_text::not_permitted, the one denial every viewer who is not entitled gets.
inline constexpr const char *not_permitted_sentence =
    "You do not have permission to view this student's test score reports.";

using capability = decltype(&ssrlink_reports);

class district {
 public:
  // A test that changes the schema makes a district of its own. Creates database `name` on
  // `where`, loads the schema and the families, opens the plugin and
  // stores the district's TOMS credentials. Throws std::runtime_error on any failure.
  district(backend where, const std::string &name);
  ~district();
  district(const district &) = delete;
  district &operator=(const district &) = delete;

  answer call(capability what, const std::string &request) const;
  answer page(std::int64_t student_id, const std::string &viewer_json) const;
  // The test's own reading of the database (odbc_rows.hpp), rows joined by '|'.
  std::vector<std::string> rows(const std::string &sql) const;
  std::int64_t count(const std::string &from_where) const;  // SELECT COUNT(*) FROM ...
  void execute(const std::string &sql) const;

  backend where() const { return where_; }
  const std::filesystem::path &dir() const { return dir_; }

 private:
  backend where_;
  std::filesystem::path dir_;
  std::string connection_;
  ssrlink_plugin *plugin_ = nullptr;
};

// The district every test of one backend shares, made on first use. Tests may add audit rows
// and notices to it but leave its families as they are.
district &shared_district(backend where);

// A request object with an admin actor: with_actor(R"("scope": "district")").
std::string with_actor(const std::string &fields = "");

}  // namespace ssrlink::e2e::binding
