// Building and reading JSON bodies in a wire profile's shape. Fixtures and faults are written in
// the default profile's names (reportType, errorCode, NO_TEST_DATA, ...); these functions move
// them to the places and names the profile in force gives, so one fixture serves every profile.
// Under the default profile each of them returns its input unchanged, member order included.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "wire_profile.hpp"

namespace ssrlink::fake_ets {

// Puts `value` at `path`, creating the objects on the way (a member on the way that is not an
// object is replaced by one).
void put_at(boost::json::object &root, const field_path &path, boost::json::value value);

// The value at `path`, or nullptr when some member on the way is missing or not an object.
boost::json::value *find_at(boost::json::object &root, const field_path &path);
const boost::json::value *find_at(const boost::json::object &root, const field_path &path);

// Removes the value at `path` (its parent objects stay, possibly empty).
void erase_at(boost::json::object &root, const field_path &path);

// A fixture report, whose keys are the default profile's item names, with each of those keys
// moved to the profile's place for that item field ("link.expiresAt" nests). Other keys pass
// through unchanged, in their order.
boost::json::object shaped_report(const wire_profile &profile, const boost::json::object &report);

// The 200 answer: `ssid` at reports.answer.ssid, `reports` at reports.answer.reports.
boost::json::object reports_body(const wire_profile &profile, std::string_view ssid,
                                 boost::json::array reports);

// The SSID the answer names, or "" when it names none.
std::string answered_ssid(const wire_profile &profile, const boost::json::object &body);

// An error code of the default table (NOT_AUTHORIZED, NO_TEST_DATA, SSID_NOT_FOUND,
// ENROLLMENT_MISMATCH, INTERNAL_ERROR) becomes the profile's first code with the same meaning.
// Any other code (fake-ets's own, such as BAD_REQUEST, or a fixture's unknown one) is sent as it
// is, and so is a default code whose meaning the profile has no code for.
std::string profile_error_code(const wire_profile &profile, std::string_view default_code);

// An error answer: the translated code (when there is one) at errors.code, then the message at
// errors.message.
boost::json::object error_body(const wire_profile &profile,
                               const std::optional<std::string> &default_code,
                               std::string_view message);

}  // namespace ssrlink::fake_ets
