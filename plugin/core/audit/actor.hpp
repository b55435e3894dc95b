// Who makes a call other than a page view: every such request names its actor, so the audit
// trail says who did what (docs/abi.md, "Actors").
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssrlink::core {

enum class actor_role {
  admin,   // a district administrator
  staff,   // district or school staff (school_codes when school-level)
  system,  // the host itself: a scheduled job, a mailer
};

std::string_view to_string(actor_role role);

struct actor {
  actor_role role = actor_role::system;
  std::string user_id;  // an identifier of at most 128 bytes
  std::optional<std::vector<std::string>> school_codes;
};

struct actor_request {
  actor who;
  boost::json::object rest;  // the request without "actor"
};

// Parses `request_json` (messages start with `what`, "The sweep request") and splits off its
// "actor". Throws failure(invalid_argument) naming "actor" (or "actor.role", ...) when the actor
// is missing or malformed, and for malformed JSON.
actor_request take_actor(std::string_view request_json, std::string_view what);

}  // namespace ssrlink::core
