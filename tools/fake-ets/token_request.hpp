// Reading a token request the way a wire profile encodes it: a JSON object or a form
// (application/x-www-form-urlencoded) body, with the profile's names for the user name and the
// secret key, and every constant the profile requires (such as grant_type=client_credentials).
#pragma once

#include <string>
#include <variant>

#include "reply.hpp"
#include "wire_profile.hpp"

namespace ssrlink::fake_ets {

struct token_credentials {
  std::string username;  // "" when the request has none: the login then fails as unknown
  std::string secret_key;
};

// The credentials, or a sentence saying why the request is malformed (answered 400). The rules:
//  1. "json": the body must be a JSON object. The Content-Type is not checked: fake-ets never
//     did, and the default profile's tests post JSON with curl's default form type.
//  2. "form": the Content-Type must be application/x-www-form-urlencoded (parameters allowed);
//     names and values are percent-decoded, '+' read as a space, the first of a name wins.
//  3. every token.constants pair must be present with exactly its value.
std::variant<token_credentials, std::string> read_token_request(const wire_profile &profile,
                                                                const request &req);

}  // namespace ssrlink::fake_ets
