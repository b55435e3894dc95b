// The fixture file: credential pairs, students and their reports, errors or faults. Loaded once
// at start-up; the fixture itself never changes while serving (control endpoints change
// server_state instead).
#pragma once

#include <boost/json/array.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fault.hpp"

namespace ssrlink::fake_ets {

struct credential {
  std::string username;
  std::string secret_key;
  bool superseded = false;
};

// A canned error answer: `{"errorCode": error_code, "message": message}` with `status`.
struct error_answer {
  unsigned status = 404;
  std::string error_code;
  std::string message;
};

struct student {
  std::optional<error_answer> error;  // wins over `reports`
  boost::json::array reports;         // report objects, passed through (see api_handler)
  std::optional<fault_spec> fault;
};

struct fixture {
  std::chrono::seconds token_lifetime{3600};
  std::vector<credential> credentials;
  std::map<std::string, student> students;  // keyed by SSID
};

// Throws std::runtime_error with the file name and what is wrong in it.
fixture load_fixture(const std::string &path);

// The same, from JSON text (`origin` names it in messages).
fixture parse_fixture(std::string_view text, const std::string &origin);

}  // namespace ssrlink::fake_ets
