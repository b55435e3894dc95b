#include "fault.hpp"

#include <array>
#include <boost/json/value.hpp>
#include <stdexcept>
#include <utility>

namespace ssrlink::fake_ets {
namespace {

constexpr std::array<std::pair<std::string_view, fault_kind>, 14> kinds{{
    {"latency", fault_kind::latency},
    {"reset", fault_kind::reset},
    {"reset_mid_body", fault_kind::reset_mid_body},
    {"stall_body", fault_kind::stall_body},
    {"status", fault_kind::status},
    {"rate_limited", fault_kind::rate_limited},
    {"malformed_json", fault_kind::malformed_json},
    {"html_error", fault_kind::html_error},
    {"huge_body", fault_kind::huge_body},
    {"token_expired", fault_kind::token_expired},
    {"many_items", fault_kind::many_items},
    {"wrong_ssid", fault_kind::wrong_ssid},
    {"no_ssid", fault_kind::no_ssid},
    {"trailing_bytes", fault_kind::trailing_bytes},
}};

std::uint64_t unsigned_field(const boost::json::object &object, std::string_view name,
                             std::uint64_t fallback) {
  const boost::json::value *value = object.if_contains(name);
  if (value == nullptr) {
    return fallback;
  }
  if (const auto *u = value->if_uint64()) {
    return *u;
  }
  if (const auto *i = value->if_int64(); i != nullptr && *i >= 0) {
    return static_cast<std::uint64_t>(*i);
  }
  throw std::invalid_argument("fault field '" + std::string(name) +
                              "' must be a non-negative integer");
}

std::optional<std::string> string_field(const boost::json::object &object, std::string_view name) {
  const boost::json::value *value = object.if_contains(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (const auto *s = value->if_string()) {
    return std::string(*s);
  }
  throw std::invalid_argument("fault field '" + std::string(name) + "' must be a string");
}

}  // namespace

std::string_view to_string(fault_kind kind) {
  for (const auto &[name, k] : kinds) {
    if (k == kind) {
      return name;
    }
  }
  return "unknown";
}

fault_spec parse_fault(const boost::json::object &object) {
  const auto kind_name = string_field(object, "kind");
  if (!kind_name) {
    throw std::invalid_argument("fault object needs a string 'kind'");
  }
  fault_spec spec;
  bool known = false;
  for (const auto &[name, k] : kinds) {
    if (name == *kind_name) {
      spec.kind = k;
      known = true;
    }
  }
  if (!known) {
    throw std::invalid_argument("unknown fault kind '" + *kind_name + "'");
  }

  spec.latency = std::chrono::milliseconds(unsigned_field(object, "ms", 0));
  const std::uint64_t default_status = spec.kind == fault_kind::rate_limited ? 429 : 500;
  const std::uint64_t status = unsigned_field(object, "status", default_status);
  if (status < 100 || status > 599) {
    throw std::invalid_argument("fault 'status' out of range");
  }
  spec.status = static_cast<unsigned>(status);
  spec.error_code = string_field(object, "errorCode");
  spec.message = string_field(object, "message");
  spec.body = string_field(object, "body");
  if (auto type = string_field(object, "content_type")) {
    spec.content_type = std::move(*type);
  }
  spec.retry_after_seconds = unsigned_field(object, "retry_after", 1);
  spec.bytes = static_cast<std::size_t>(unsigned_field(object, "bytes", spec.bytes));
  spec.count = static_cast<std::size_t>(unsigned_field(object, "count", spec.count));
  spec.answer_ssid = string_field(object, "answer_ssid");
  if (object.contains("times")) {
    spec.times = unsigned_field(object, "times", 0);
  }
  return spec;
}

std::optional<fault_spec> fault_slot::take() {
  if (!spec_) {
    return std::nullopt;
  }
  if (spec_->times && used_ >= *spec_->times) {
    return std::nullopt;
  }
  ++used_;
  return spec_;
}

}  // namespace ssrlink::fake_ets
