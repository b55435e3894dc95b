#include "sweep_records.hpp"

#include <array>
#include <utility>

namespace ssrlink::core {

namespace {

// One table for both directions, so a name can never be written that is not read back.
constexpr std::array<std::pair<notice_state, const char *>, 4> notice_state_names{{
    {notice_state::none, "none"},
    {notice_state::queued, "queued"},
    {notice_state::partial, "partial"},
    {notice_state::no_email, "no_email"},
}};

}  // namespace

const char *to_string(notice_state state) {
  for (const auto &[value, name] : notice_state_names) {
    if (value == state) {
      return name;
    }
  }
  return "none";  // unreachable: every enumerator is in the table
}

std::optional<notice_state> notice_state_from(std::string_view name) {
  for (const auto &[value, known] : notice_state_names) {
    if (name == known) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace ssrlink::core
