// Port: the host's log. Messages are plain UTF-8 sentences; no secret, token or signed URL may
// ever be passed here.
#pragma once

#include <string_view>

namespace ssrlink::core {

// Same values as SSRLINK_LOG_* in the C header.
enum class log_level : int { debug = 0, info = 1, warning = 2, error = 3 };

class logger {
 public:
  virtual ~logger() = default;
  // Thread-safe; must not call back into the plugin.
  virtual void log(log_level level, std::string_view message) = 0;
};

}  // namespace ssrlink::core
