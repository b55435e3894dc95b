#include "actor.hpp"

#include "../error.hpp"
#include "../json/json_fields.hpp"
#include "../json/request_text.hpp"

namespace ssrlink::core {

std::string_view actor_role_name(actor_role role) {
  switch (role) {
    case actor_role::admin:
      return "admin";
    case actor_role::staff:
      return "staff";
    case actor_role::system:
      return "system";
  }
  return "unknown";
}

actor_request take_actor(std::string_view request_json, std::string_view what) {
  actor_request request{{}, parse_json_object(request_json, what)};
  const boost::json::value *given = request.rest.if_contains("actor");
  if (given == nullptr || !given->is_object()) {
    throw failure(status::invalid_argument,
                  std::string(what) +
                      " needs \"actor\": {\"role\": \"admin\" | \"staff\" | \"system\", "
                      "\"user_id\": \"...\"}, the person or job making the call (docs/abi.md).");
  }
  json_fields fields(given->as_object(), "actor.", status::invalid_argument);
  const std::string role = fields.required_string("role");
  if (role == "admin") {
    request.who.role = actor_role::admin;
  } else if (role == "staff") {
    request.who.role = actor_role::staff;
  } else if (role == "system") {
    request.who.role = actor_role::system;
  } else {
    fields.fail("role", "must be one of admin, staff, system");
  }
  request.who.user_id = fields.required_identifier("user_id", max_user_id_bytes);
  request.who.school_codes = fields.optional_code_array("school_codes");
  fields.reject_unknown();
  request.rest.erase("actor");
  return request;
}

}  // namespace ssrlink::core
