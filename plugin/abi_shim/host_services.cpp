#include "host_services.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

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
    offsetof(ssrlink_host, log),                            // struct_size and context only
    offsetof(ssrlink_host, now_ms),                         // + log
    offsetof(ssrlink_host, progress),                       // + now_ms
    offsetof(ssrlink_host, flags),                          // + progress: sizeof in 1.0
    offsetof(ssrlink_host, flags) + sizeof(std::uint32_t),  // + flags, without tail padding
    sizeof(ssrlink_host),                                   // + flags: sizeof in 1.1
};

// Every SSRLINK_HOST_* bit this library implements.
constexpr std::uint32_t known_flags = SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD;

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
  if ((out.flags & ~known_flags) != 0) {
    std::array<char, 16> bits{};
    std::snprintf(bits.data(), bits.size(), "0x%x",
                  static_cast<unsigned>(out.flags & ~known_flags));
    return std::string("ssrlink_host.flags has bits this library (") +
           std::to_string(SSRLINK_VERSION_MAJOR) + "." + std::to_string(SSRLINK_VERSION_MINOR) +
           ") does not know (" + bits.data() +
           "); the only flag it knows is SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD.";
  }
  return {};
}

void host_logger::log(core::log_level level, std::string_view message) {
  channel_.log(static_cast<std::int32_t>(level), message);
}

std::function<void(const std::string &)> host_progress(host_channel &channel) {
  if (!channel.has_progress()) {
    return {};
  }
  return [&channel](const std::string &progress_json) { channel.progress(progress_json); };
}

core::time_point host_clock::now() const {
  return core::time_point{std::chrono::milliseconds{channel_.now_ms()}};
}

}  // namespace ssrlink::shim
