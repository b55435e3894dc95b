// Invariants every parser result must keep, whatever the input: checked in the fuzz targets.
#pragma once

#include <cstdlib>
#include <string>

#include "core/model/ets_outcome.hpp"

namespace ssrlink::ets::fuzz {

inline void require(bool ok) {
  if (!ok) {
    std::abort();
  }
}

// Text for the host's log: printable ASCII only, bounded.
inline void check_log_text(const std::string &text) {
  require(text.size() < 1024);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    require(u >= 0x20 && u < 0x7f);
  }
}

// Failure details go to the host's log.
inline void check_failure(const core::ets_failure &f) {
  check_log_text(f.detail);
}

}  // namespace ssrlink::ets::fuzz
