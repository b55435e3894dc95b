// Turning a fault into the reply the session delivers instead of (or around) the normal one.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "fault.hpp"
#include "reply.hpp"
#include "wire_profile.hpp"

namespace ssrlink::fake_ets {

// A JSON error response in the profile's shape: `code` (written in the default names, translated
// as wire_shape.hpp says) at errors.code and `message` at errors.message.
response json_error(const wire_profile &profile, unsigned status, std::string_view code,
                    std::string_view message);
// A JSON response with `body` already serialised.
response json_response(unsigned status, std::string body);

// `make_normal` is called only for kinds that need the normal answer (latency, reset_mid_body,
// stall_body, malformed_json, many_items, wrong_ssid, no_ssid, trailing_bytes), so a `reset`
// does not issue tokens or links it never sends. Every fault keeps its meaning under `profile`:
// error bodies take its shape and codes, and the faults that edit the normal answer find its
// SSID and its array at the profile's places.
reply apply_fault(const fault_spec &fault, const wire_profile &profile,
                  const std::function<reply()> &make_normal);

}  // namespace ssrlink::fake_ets
