// Port: the current time. The host may supply it (ssrlink_host.now_ms) so that expiry logic is
// testable; otherwise the system clock.
#pragma once

#include "../time.hpp"

namespace ssrlink::core {

class clock {
 public:
  virtual ~clock() = default;
  // Thread-safe.
  virtual time_point now() const = 0;
};

}  // namespace ssrlink::core
