// The worked examples of docs/dba-guide.md as a DBA runs them: a SQLite file or a database on a
// real PostgreSQL server WITHOUT the reference host's tables, filled only by the scripts of
// sql/<dialect>/install.sql and sql/examples/<example>/<dialect>/ in the order a test names,
// then libssrlink opened on it through its C ABI with fake-ets serving the examples' SSIDs
// over TLS. One fake-ets and one PostgreSQL server per test binary.
#pragma once

#include <ssrlink/ssrlink.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "page/abi_district.hpp"

namespace ssrlink::e2e::mapping {

enum class backend { sqlite, postgresql };

// "sqlite", "postgresql": test name suffixes and the dialect check-mapping reports.
std::string backend_name(backend where);

// The scripts of a load, in order: "install" is sql/<dialect>/install.sql, any other name is
// sql/examples/<example>/<dialect>/<name>.sql.
struct load_plan {
  std::string example;  // "people-and-enrollments" or "different-names"
  std::vector<std::string> scripts;
};

// install.sql first, then the example's host-tables, host-data, mapping and (when it has one)
// indexes: the order docs/dba-guide.md gives.
load_plan install_first(const std::string &example);

using answer = abi_answer;
using capability = abi_capability;

// The administration year a report must carry to notify today ("2026-27"): the school year
// (July 1 - June 30) of the host clock, which the library reads from the system clock here.
std::string current_administration_year();

// call, page, rows, count and execute come from abi_district.
class district : public abi_district {
 public:
  // Creates database `name` on `where`, runs `plan`, opens the plugin and stores the district's
  // TOMS credentials. Throws std::runtime_error on any failure, naming the script.
  district(backend where, const std::string &name, const load_plan &plan);

  // Runs one more script of the plan's kind (for a rerun of install.sql).
  void run_script(const std::string &example, const std::string &script) const;

  backend where() const { return where_; }

 private:
  backend where_;
  std::string name_;
  std::filesystem::path dir_;
};

// A request object with an admin actor: with_actor(R"("scope": "district")").
std::string with_actor(const std::string &fields = "");

}  // namespace ssrlink::e2e::mapping
