#include "call_key.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace ssrlink::core {

std::string new_call_key() {
  // One generator per thread, seeded from the system's entropy: no lock on the request path.
  thread_local std::mt19937_64 generator = [] {
    std::random_device entropy;
    std::seed_seq seed{entropy(), entropy(), entropy(), entropy(), entropy(), entropy()};
    return std::mt19937_64(seed);
  }();
  constexpr std::array<char, 16> digits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                           '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  std::string key;
  key.reserve(32);
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = generator();
    for (int i = 0; i < 16; ++i) {
      key += digits[bits & 0xF];
      bits >>= 4;
    }
  }
  return key;
}

}  // namespace ssrlink::core
