#include "actor.hpp"

#include "../error.hpp"
#include "../json/json_fields.hpp"
#include "../json/request_text.hpp"

namespace ssrlink::core {

std::string_view to_string(actor_role role) {
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

namespace {

// The role whose to_string is `name`: the names are spelled once, in to_string.
actor_role role_named(const json_fields &fields, std::string_view name) {
  for (const actor_role role : {actor_role::admin, actor_role::staff, actor_role::system}) {
    if (to_string(role) == name) {
      return role;
    }
  }
  fields.fail("role", "must be one of admin, staff, system");
}

}  // namespace

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
  request.who.role = role_named(fields, fields.required_string("role"));
  request.who.user_id = fields.required_identifier("user_id", max_user_id_bytes);
  request.who.school_codes = fields.optional_code_array("school_codes");
  fields.reject_unknown();
  request.rest.erase("actor");
  return request;
}

}  // namespace ssrlink::core
