#include "fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ssrlink::fake_ets {
namespace {

[[noreturn]] void fail(const std::string &origin, const std::string &what) {
  throw std::runtime_error(origin + ": " + what);
}

std::string required_string(const boost::json::object &object, std::string_view name,
                            const std::string &origin, const std::string &where) {
  const boost::json::value *value = object.if_contains(name);
  if (value == nullptr || !value->is_string()) {
    fail(origin, where + " needs a string '" + std::string(name) + "'");
  }
  return std::string(value->get_string());
}

// Messages from the vendor documentation (the error-code table in docs/ets-protocol.md), used when
// a fixture error gives only a code.
std::string default_message(std::string_view code) {
  if (code == "NOT_AUTHORIZED") {
    return "You are not authorized to make this request";
  }
  if (code == "NO_TEST_DATA") {
    return "Student does not have any test data";
  }
  if (code == "SSID_NOT_FOUND") {
    return "Student identification number not found";
  }
  if (code == "ENROLLMENT_MISMATCH") {
    return "Student enrollment record does not match calling district";
  }
  if (code == "INTERNAL_ERROR") {
    return "Internal error occurred";
  }
  return "There was an error while processing the request";
}

error_answer parse_error(const boost::json::object &object, const std::string &origin,
                         const std::string &where) {
  error_answer answer;
  if (const auto *status = object.if_contains("status")) {
    const auto *number = status->if_int64();
    if (number == nullptr || *number < 100 || *number > 599) {
      fail(origin, where + ".status must be an HTTP status");
    }
    answer.status = static_cast<unsigned>(*number);
  }
  answer.error_code = required_string(object, "errorCode", origin, where);
  if (const auto *message = object.if_contains("message"); message && message->is_string()) {
    answer.message = std::string(message->get_string());
  } else {
    answer.message = default_message(answer.error_code);
  }
  return answer;
}

student parse_student(const boost::json::value &value, const std::string &origin,
                      const std::string &where) {
  if (!value.is_object()) {
    fail(origin, where + " must be an object");
  }
  const auto &object = value.get_object();
  student result;
  if (const auto *error = object.if_contains("error")) {
    if (!error->is_object()) {
      fail(origin, where + ".error must be an object");
    }
    result.error = parse_error(error->get_object(), origin, where + ".error");
  }
  if (const auto *reports = object.if_contains("reports")) {
    if (!reports->is_array()) {
      fail(origin, where + ".reports must be an array");
    }
    for (const auto &report : reports->get_array()) {
      if (!report.is_object()) {
        fail(origin, where + ".reports entries must be objects");
      }
    }
    result.reports = reports->get_array();
  }
  if (const auto *fault = object.if_contains("fault")) {
    if (!fault->is_object()) {
      fail(origin, where + ".fault must be an object");
    }
    try {
      result.fault = parse_fault(fault->get_object());
    } catch (const std::invalid_argument &e) {
      fail(origin, where + ".fault: " + e.what());
    }
  }
  return result;
}

}  // namespace

fixture parse_fixture(std::string_view text, const std::string &origin) {
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(text, ec);
  if (ec) {
    fail(origin, "not valid JSON (" + ec.message() + ")");
  }
  if (!root.is_object()) {
    fail(origin, "the top level must be an object");
  }
  const auto &top = root.get_object();

  fixture result;
  if (const auto *lifetime = top.if_contains("token_lifetime_seconds")) {
    const auto *seconds = lifetime->if_int64();
    if (seconds == nullptr || *seconds <= 0) {
      fail(origin, "token_lifetime_seconds must be a positive integer");
    }
    result.token_lifetime = std::chrono::seconds(*seconds);
  }
  if (const auto *credentials = top.if_contains("credentials")) {
    if (!credentials->is_array()) {
      fail(origin, "credentials must be an array");
    }
    for (const auto &entry : credentials->get_array()) {
      if (!entry.is_object()) {
        fail(origin, "credentials entries must be objects");
      }
      const auto &object = entry.get_object();
      credential pair;
      pair.username = required_string(object, "username", origin, "a credential");
      pair.secret_key = required_string(object, "secret_key", origin, "a credential");
      if (const auto *superseded = object.if_contains("superseded")) {
        if (!superseded->is_bool()) {
          fail(origin, "credential 'superseded' must be a boolean");
        }
        pair.superseded = superseded->get_bool();
      }
      result.credentials.push_back(std::move(pair));
    }
  }
  if (const auto *students = top.if_contains("students")) {
    if (!students->is_object()) {
      fail(origin, "students must be an object keyed by SSID");
    }
    for (const auto &entry : students->get_object()) {
      const std::string ssid(entry.key());
      result.students.emplace(ssid, parse_student(entry.value(), origin, "students." + ssid));
    }
  }
  return result;
}

fixture load_fixture(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(path + ": cannot open the fixture file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_fixture(text.str(), path);
}

}  // namespace ssrlink::fake_ets
