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

// Details go to the host's log: printable ASCII only, bounded.
inline void check_failure(const core::ets_failure &f) {
  require(f.detail.size() < 1024);
  for (const char c : f.detail) {
    const auto u = static_cast<unsigned char>(c);
    require(u >= 0x20 && u < 0x7f);
  }
}

}  // namespace ssrlink::ets::fuzz
