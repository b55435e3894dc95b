// The host's callbacks (ssrlink_host) seen as the core's logger and clock ports. The struct is
// copied field by field, reading only what the host's struct_size covers.
#pragma once

#include <ssrlink/ssrlink.h>

#include <functional>
#include <string>
#include <string_view>

#include "core/ports/clock.hpp"
#include "core/ports/logger.hpp"

namespace ssrlink::shim {

// Copies the fields `host->struct_size` covers; the rest stay NULL. Returns an empty string when
// the struct is acceptable, otherwise the sentence explaining why it is not.
std::string copy_host(const ssrlink_host *host, ssrlink_host &out) noexcept;

class host_logger final : public core::logger {
 public:
  explicit host_logger(const ssrlink_host &host) : host_(host) {}
  void log(core::log_level level, std::string_view message) override;

 private:
  ssrlink_host host_;
};

// The host's progress callback as a function of JSON text; empty when the host gave none.
std::function<void(const std::string &)> host_progress(const ssrlink_host &host);

class host_clock final : public core::clock {
 public:
  explicit host_clock(const ssrlink_host &host) : host_(host) {}
  core::time_point now() const override;

 private:
  ssrlink_host host_;
};

}  // namespace ssrlink::shim
