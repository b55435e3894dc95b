// Which TOMS credential pair a student's school uses: the school's own pair when it has one
// (districts that contain several LEAs), otherwise the district's.
#pragma once

#include <optional>
#include <string_view>

#include "../model/credentials.hpp"

namespace ssrlink::core {

struct resolved_credentials {
  ets_credentials pair;    // in clear, memory only
  day_point expires_on{};  // from the stored row
  bool expired = false;    // expires_on is before today (host clock)
};

class credential_resolver {
 public:
  virtual ~credential_resolver() = default;
  // nullopt when neither the school nor the district has credentials. Cached for at most five
  // minutes. Thread-safe; throws failure(database) when the store cannot answer.
  virtual std::optional<resolved_credentials> for_school(std::string_view school_code) = 0;
};

}  // namespace ssrlink::core
