// libssrlink opened through its C ABI on one district database, with fake-ets as its ETS and the
// district's TOMS pair stored: the part the end-to-end districts share (binding_district.hpp
// over the reference host, tests/integration/mapping over the guide's worked examples). Each
// loads its own schema and rows first, then opens one of these on the result.
#pragma once

#include <ssrlink/ssrlink.h>

#include <boost/json/object.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ssrlink::e2e {

struct abi_answer {
  int status = -1;
  boost::json::object json;
  std::string text;

  // json["error"] or "" (for failure messages in assertions).
  std::string error() const;
};

// The sentence of ui_text::not_permitted, the one denial every viewer who is not entitled gets.
inline constexpr const char *not_permitted_sentence =
    "You do not have permission to view this student's test score reports.";

using abi_capability = decltype(&ssrlink_reports);

// A page that offers reports, every link https on fake-ets (127.0.0.1).
void expect_reports(const abi_answer &a);
// The one refusal: outcome "denied", not_permitted_sentence, no report, no link anywhere.
void expect_not_permitted(const abi_answer &a);

// Where the plugin finds ETS: fake-ets's base URL and the CA that signed its certificate.
struct fake_ets_endpoint {
  std::string base_url;
  std::filesystem::path ca_file;
};

class abi_district {
 public:
  // Opens the plugin on `connection` (its seal key in `dir`) and stores the district's TOMS
  // pair as `actor_json`. Throws std::runtime_error naming what failed.
  abi_district(std::string connection, const std::filesystem::path &dir,
               const fake_ets_endpoint &ets, const std::string &actor_json);
  ~abi_district();
  abi_district(const abi_district &) = delete;
  abi_district &operator=(const abi_district &) = delete;

  abi_answer call(abi_capability what, const std::string &request) const;
  abi_answer page(std::int64_t student_id, const std::string &viewer_json) const;
  // The test's own reading of the database (odbc_rows.hpp), rows joined by '|'.
  std::vector<std::string> rows(const std::string &sql) const;
  std::int64_t count(const std::string &from_where) const;  // SELECT COUNT(*) FROM ...
  void execute(const std::string &sql) const;

  const std::string &connection() const { return connection_; }

 private:
  std::string connection_;
  ssrlink_plugin *plugin_ = nullptr;
};

}  // namespace ssrlink::e2e
