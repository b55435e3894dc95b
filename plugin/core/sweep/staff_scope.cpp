#include "staff_scope.hpp"

#include <algorithm>

#include "../error.hpp"

namespace ssrlink::core {

namespace {

bool holds(const std::vector<std::string> &codes, const std::string &school) {
  return std::find(codes.begin(), codes.end(), school) != codes.end();
}

}  // namespace

std::optional<std::string> scoped_school(const staff_schools &scope,
                                         const std::optional<std::string> &requested) {
  if (!scope.codes) {  // rule 1
    return requested;
  }
  const std::vector<std::string> &codes = *scope.codes;
  if (requested) {
    if (!holds(codes, *requested)) {  // rule 2
      throw failure(status::denied, "School " + *requested +
                                        " is not one of the schools in \"actor.school_codes\"; "
                                        "school staff see their own schools only.");
    }
    return requested;
  }
  if (codes.size() == 1) {  // rule 3
    return codes.front();
  }
  throw failure(status::invalid_argument,  // rule 4
                "\"school\" must name one of the schools in \"actor.school_codes\": staff of "
                "several schools see the list one school at a time.");
}

bool may_act_for(const staff_schools &scope, const std::string &school_code) {
  return !scope.codes || holds(*scope.codes, school_code);  // rule 5
}

}  // namespace ssrlink::core
