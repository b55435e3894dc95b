// The result buffer the C ABI hands out: owned by the library, freed by ssrlink_buffer_free.
#pragma once

#include <string>

struct ssrlink_buffer {
  std::string text;
};

namespace ssrlink::shim {

// nullptr when memory is exhausted (the caller then returns the status without a buffer).
ssrlink_buffer *make_buffer(std::string text) noexcept;

// {"error": "<message>"} as a buffer.
ssrlink_buffer *make_error_buffer(const std::string &message) noexcept;

}  // namespace ssrlink::shim
