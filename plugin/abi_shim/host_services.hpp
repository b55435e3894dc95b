// The host's callbacks (ssrlink_host) seen as the core's logger, clock and progress sink. The
// struct is copied field by field, reading only what the host's struct_size covers; every
// callback then goes through the handle's host_channel, which decides on which thread it runs.
#pragma once

#include <ssrlink/ssrlink.h>

#include <functional>
#include <string>
#include <string_view>

#include "core/ports/clock.hpp"
#include "core/ports/logger.hpp"
#include "host_channel.hpp"

namespace ssrlink::shim {

// Copies the fields `host->struct_size` covers; the rest stay zero. Returns an empty string when
// the struct is acceptable, otherwise the sentence explaining why it is not (a size that does
// not end on a field, unknown non-zero bytes past the struct, unknown bits in `flags`).
std::string copy_host(const ssrlink_host *host, ssrlink_host &out) noexcept;

class host_logger final : public core::logger {
 public:
  explicit host_logger(host_channel &channel) : channel_(channel) {}
  void log(core::log_level level, std::string_view message) override;

 private:
  host_channel &channel_;
};

// The host's progress callback as a function of JSON text; empty when the host gave none.
std::function<void(const std::string &)> host_progress(host_channel &channel);

class host_clock final : public core::clock {
 public:
  explicit host_clock(host_channel &channel) : channel_(channel) {}
  core::time_point now() const override;

 private:
  host_channel &channel_;
};

}  // namespace ssrlink::shim
