#include "host_services.hpp"

#include <chrono>
#include <cstddef>
#include <cstring>

namespace ssrlink::shim {
namespace {

// The smallest struct a host may pass: struct_size and context.
constexpr std::size_t min_host_size = offsetof(ssrlink_host, log);
// Hosts built against a newer header may pass a larger struct; we look at most this far for
// non-zero bytes we would not understand.
constexpr std::size_t max_host_size = 4096;

// The sizes a host built against some version of the header can have: the end of each field.
// Any other size would copy part of a function pointer, which the library would then call.
constexpr std::size_t field_ends[] = {
    offsetof(ssrlink_host, log),       // struct_size and context only
    offsetof(ssrlink_host, now_ms),    // + log
    offsetof(ssrlink_host, progress),  // + now_ms
    sizeof(ssrlink_host),              // + progress
};

bool ends_on_a_field(std::size_t size) {
  for (const std::size_t end : field_ends) {
    if (size == end) {
      return true;
    }
  }
  // A newer header's struct: larger than ours, pointer-aligned (its tail is checked for zeros).
  return size > sizeof(ssrlink_host) && size % alignof(ssrlink_host) == 0;
}

}  // namespace

std::string copy_host(const ssrlink_host *host, ssrlink_host &out) noexcept {
  out = ssrlink_host{};
  out.struct_size = sizeof(ssrlink_host);
  if (host == nullptr) {
    return {};
  }
  const std::size_t size = host->struct_size;
  if (size < min_host_size || size > max_host_size || !ends_on_a_field(size)) {
    return "ssrlink_host.struct_size is " + std::to_string(size) +
           ", which does not end on a field of ssrlink_host; set it to sizeof(ssrlink_host).";
  }
  const auto *bytes = reinterpret_cast<const unsigned char *>(host);
  for (std::size_t i = sizeof(ssrlink_host); i < size; ++i) {
    if (bytes[i] != 0) {
      return "ssrlink_host asks for callbacks this library (ABI " +
             std::to_string(SSRLINK_ABI_VERSION) +
             ") does not know; use a newer libssrlink or leave the new fields zero.";
    }
  }
  std::memcpy(&out, host, size < sizeof(ssrlink_host) ? size : sizeof(ssrlink_host));
  out.struct_size = sizeof(ssrlink_host);
  return {};
}

void host_logger::log(core::log_level level, std::string_view message) {
  if (host_.log == nullptr) {
    return;
  }
  const std::string text(message);  // NUL-terminated copy for the host
  host_.log(host_.context, static_cast<int32_t>(level), text.c_str(), text.size());
}

std::function<void(const std::string &)> host_progress(const ssrlink_host &host) {
  if (host.progress == nullptr) {
    return {};
  }
  return [host](const std::string &progress_json) {
    host.progress(host.context, progress_json.c_str(), progress_json.size());
  };
}

core::time_point host_clock::now() const {
  if (host_.now_ms != nullptr) {
    return core::time_point{std::chrono::milliseconds{host_.now_ms(host_.context)}};
  }
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace ssrlink::shim
