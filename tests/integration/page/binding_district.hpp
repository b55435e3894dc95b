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

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "abi_district.hpp"

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

using answer = abi_answer;
using capability = abi_capability;

// call, page, rows, count and execute come from abi_district.
class district : public abi_district {
 public:
  // A test that changes the schema makes a district of its own. Creates database `name` on
  // `where`, loads the schema and the families, opens the plugin and
  // stores the district's TOMS credentials. Throws std::runtime_error on any failure.
  district(backend where, const std::string &name);

  backend where() const { return where_; }
  const std::filesystem::path &dir() const { return dir_; }

 private:
  district(backend where, const std::filesystem::path &dir, const std::string &name);

  backend where_;
  std::filesystem::path dir_;
};

// The district every test of one backend shares, made on first use. Tests may add audit rows
// and notices to it but leave its families as they are.
district &shared_district(backend where);

// A district of one test file's own, so its extra rows touch no other test: database `name`,
// made on first use and handed to `prepare` once, then closed with the shared ones, before
// fake-ets and PostgreSQL stop.
district &own_district(backend where, const std::string &name,
                       const std::function<void(district &)> &prepare);

// A request object with an admin actor: with_actor(R"("scope": "district")").
std::string with_actor(const std::string &fields = "");

}  // namespace ssrlink::e2e::binding
