// The C ABI: thin noexcept trampolines. Each checks every pointer and size it is given, hands
// the core validated C++ values only, and turns every exception into a status plus a sentence.
// Every call on a handle runs inside a host_channel::call_scope, which marks the calling thread
// for the host's callbacks and delivers the log lines held for it (host_channel.hpp). Nothing
// here knows what a report or a credential is.
#include <ssrlink/ssrlink.h>

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string_view>

#include "abi_constants.hpp"
#include "assembly/plugin_instance.hpp"
#include "buffer.hpp"
#include "core/error.hpp"
#include "core/json/json_fields.hpp"
#include "host_channel.hpp"
#include "host_services.hpp"

namespace {

// Distinguishes a live handle from a closed or foreign pointer, so misuse is usually reported
// instead of crashing. (It cannot make a wild pointer safe; nothing can.)
constexpr std::uint64_t live_magic = 0x73737266'6c696e6bULL;  // "ssrflink"

}  // namespace

// Members are destroyed in reverse: the instance (joining the library's threads) before the
// channel its logger and clock use.
struct ssrlink_plugin {
  std::uint64_t magic = live_magic;
  std::unique_ptr<ssrlink::shim::host_channel> channel;
  std::unique_ptr<ssrlink::assembly::plugin_instance> instance;
};

namespace {

using ssrlink::core::failure;
using ssrlink::core::status;

// The same value as the header's constant (abi_constants.hpp proves it at compile time).
int to_int(status code) {
  return static_cast<int>(code);
}

// Stores `buffer` in `*out` when there is an `out`; frees it otherwise.
void hand_out(ssrlink_buffer **out, ssrlink_buffer *buffer) noexcept {
  if (out != nullptr) {
    *out = buffer;
  } else {
    ssrlink_buffer_free(buffer);
  }
}

int fail(ssrlink_buffer **out, status code, const std::string &message) noexcept {
  hand_out(out, ssrlink::shim::make_error_buffer(message));
  return to_int(code);
}

// Reads a NUL-terminated input without scanning past the request size limit.
bool bounded_text(const char *text, std::string_view &view) noexcept {
  const std::size_t limit = ssrlink::core::max_request_bytes + 1;
  const void *nul = std::memchr(text, '\0', limit);
  // memchr may stop early only at the NUL; beyond `limit` bytes we refuse rather than read on.
  if (nul == nullptr) {
    return false;
  }
  view = std::string_view(text, static_cast<std::size_t>(static_cast<const char *>(nul) - text));
  return true;
}

// Runs `call` with every exception mapped; logs the detail the caller never sees.
template <class Call>
int guarded(ssrlink_plugin *plugin, const char *function, const char *request_json,
            ssrlink_buffer **out, Call call) noexcept {
  if (out == nullptr) {
    return to_int(status::invalid_argument);
  }
  *out = nullptr;
  if (plugin == nullptr) {
    return fail(out, status::invalid_argument, std::string(function) + ": plugin is NULL.");
  }
  if (plugin->magic != live_magic || !plugin->instance) {
    return fail(
        out, status::invalid_argument,
        std::string(function) + ": plugin is not a handle from ssrlink_open, or was closed.");
  }
  if (request_json == nullptr) {
    return fail(out, status::invalid_argument, std::string(function) + ": request_json is NULL.");
  }
  std::string_view request;
  if (!bounded_text(request_json, request)) {
    return fail(out, status::invalid_argument,
                std::string(function) + ": request_json is larger than the limit of " +
                    std::to_string(ssrlink::core::max_request_bytes / 1024) + " KiB.");
  }
  auto &instance = *plugin->instance;
  // Opened before anything can log, closed (delivering held lines) after the result is built.
  const ssrlink::shim::host_channel::call_scope scope(*plugin->channel);
  try {
    auto result = call(instance, request);
    ssrlink_buffer *buffer = ssrlink::shim::make_buffer(std::move(result.json));
    if (buffer == nullptr) {
      return to_int(status::internal);
    }
    *out = buffer;
    return to_int(result.code);
  } catch (const failure &error) {
    try {
      const auto level = error.code() == status::internal ? ssrlink::core::log_level::error
                                                          : ssrlink::core::log_level::warning;
      instance.log().log(level, std::string(function) + ": " + error.what() +
                                    (error.detail().empty() ? "" : " [" + error.detail() + "]"));
    } catch (...) {
      // The host's log failed; the caller still gets the status and the sentence.
    }
    return fail(out, error.code(), error.what());
  } catch (const std::bad_alloc &) {
    return fail(out, status::internal, std::string(function) + " ran out of memory.");
  } catch (const std::exception &error) {
    try {
      instance.log().log(ssrlink::core::log_level::error,
                         std::string(function) + " failed unexpectedly: " + error.what());
    } catch (...) {
    }
    return fail(out, status::internal,
                std::string(function) +
                    " failed unexpectedly; the host log has the detail. Please report it.");
  } catch (...) {
    return fail(out, status::internal,
                std::string(function) + " failed unexpectedly. Please report it.");
  }
}

}  // namespace

extern "C" {

uint32_t ssrlink_abi_version(void) {
  return SSRLINK_ABI_VERSION;
}

const char *ssrlink_status_name(int status) {
  switch (status) {
    case SSRLINK_OK:
      return "SSRLINK_OK";
    case SSRLINK_INVALID_ARGUMENT:
      return "SSRLINK_INVALID_ARGUMENT";
    case SSRLINK_CONFIG:
      return "SSRLINK_CONFIG";
    case SSRLINK_DATABASE:
      return "SSRLINK_DATABASE";
    case SSRLINK_UPSTREAM:
      return "SSRLINK_UPSTREAM";
    case SSRLINK_DENIED:
      return "SSRLINK_DENIED";
    case SSRLINK_NOT_FOUND:
      return "SSRLINK_NOT_FOUND";
    case SSRLINK_INTERNAL:
      return "SSRLINK_INTERNAL";
    case SSRLINK_UNAVAILABLE:
      return "SSRLINK_UNAVAILABLE";
    default:
      return "SSRLINK_UNKNOWN_STATUS";
  }
}

int ssrlink_open(const ssrlink_host *host, const char *config_json, ssrlink_plugin **out_plugin,
                 ssrlink_buffer **out_error) {
  if (out_error != nullptr) {
    *out_error = nullptr;
  }
  if (out_plugin == nullptr) {
    return fail(out_error, status::invalid_argument, "ssrlink_open: out_plugin is NULL.");
  }
  *out_plugin = nullptr;
  if (config_json == nullptr) {
    return fail(out_error, status::invalid_argument, "ssrlink_open: config_json is NULL.");
  }
  std::string_view config;
  if (!bounded_text(config_json, config)) {
    return fail(out_error, status::invalid_argument,
                "ssrlink_open: config_json is larger than the limit of " +
                    std::to_string(ssrlink::core::max_request_bytes / 1024) + " KiB.");
  }
  ssrlink_host services{};
  if (auto problem = ssrlink::shim::copy_host(host, services); !problem.empty()) {
    return fail(out_error, status::invalid_argument, "ssrlink_open: " + problem);
  }
  std::unique_ptr<ssrlink_plugin> plugin;
  try {
    plugin = std::make_unique<ssrlink_plugin>();
    plugin->channel = std::make_unique<ssrlink::shim::host_channel>(services);
  } catch (...) {
    return fail(out_error, status::internal, "ssrlink_open ran out of memory.");
  }
  // The open is a call on the handle too: lines logged while it builds the services (on this
  // thread or the ETS threads it starts) reach the host before it returns, also on failure.
  const ssrlink::shim::host_channel::call_scope scope(*plugin->channel);
  try {
    auto &channel = *plugin->channel;
    plugin->instance = std::make_unique<ssrlink::assembly::plugin_instance>(
        config, std::make_unique<ssrlink::shim::host_logger>(channel),
        std::make_unique<ssrlink::shim::host_clock>(channel),
        ssrlink::shim::host_progress(channel));
    *out_plugin = plugin.release();
    return to_int(status::ok);
  } catch (const failure &error) {
    return fail(out_error, error.code(), error.what());
  } catch (const std::bad_alloc &) {
    return fail(out_error, status::internal, "ssrlink_open ran out of memory.");
  } catch (const std::exception &error) {
    return fail(out_error, status::internal,
                std::string("ssrlink_open failed unexpectedly: ") + error.what());
  } catch (...) {
    return fail(out_error, status::internal, "ssrlink_open failed unexpectedly.");
  }
}

void ssrlink_close(ssrlink_plugin *plugin) {
  if (plugin == nullptr || plugin->magic != live_magic) {
    return;
  }
  plugin->magic = 0;
  {
    // Joining the library's threads may log; the scope delivers those lines before the channel
    // goes.
    const ssrlink::shim::host_channel::call_scope scope(*plugin->channel);
    try {
      plugin->instance.reset();
    } catch (...) {
      // Destructors do not throw; this keeps the promise even if one ever did.
    }
  }
  delete plugin;
}

int ssrlink_reports(ssrlink_plugin *plugin, const char *request_json, ssrlink_buffer **out) {
  return guarded(
      plugin, "ssrlink_reports", request_json, out,
      [](auto &instance, std::string_view request) { return instance.reports(request); });
}

int ssrlink_credentials_put(ssrlink_plugin *plugin, const char *request_json,
                            ssrlink_buffer **out) {
  return guarded(
      plugin, "ssrlink_credentials_put", request_json, out,
      [](auto &instance, std::string_view request) { return instance.credentials_put(request); });
}

int ssrlink_credentials_status(ssrlink_plugin *plugin, const char *request_json,
                               ssrlink_buffer **out) {
  return guarded(plugin, "ssrlink_credentials_status", request_json, out,
                 [](auto &instance, std::string_view request) {
                   return instance.credentials_status(request);
                 });
}

int ssrlink_test_connection(ssrlink_plugin *plugin, const char *request_json,
                            ssrlink_buffer **out) {
  return guarded(
      plugin, "ssrlink_test_connection", request_json, out,
      [](auto &instance, std::string_view request) { return instance.test_connection(request); });
}

int ssrlink_credentials_reseal(ssrlink_plugin *plugin, const char *request_json,
                               ssrlink_buffer **out) {
  return guarded(plugin, "ssrlink_credentials_reseal", request_json, out,
                 [](auto &instance, std::string_view request) {
                   return instance.credentials_reseal(request);
                 });
}

int ssrlink_notifications_list(ssrlink_plugin *plugin, const char *request_json,
                               ssrlink_buffer **out) {
  return guarded(plugin, "ssrlink_notifications_list", request_json, out,
                 [](auto &instance, std::string_view request) {
                   return instance.notifications_list(request);
                 });
}

int ssrlink_notification_queue(ssrlink_plugin *plugin, const char *request_json,
                               ssrlink_buffer **out) {
  return guarded(plugin, "ssrlink_notification_queue", request_json, out,
                 [](auto &instance, std::string_view request) {
                   return instance.notification_queue(request);
                 });
}

int ssrlink_check_mapping(ssrlink_plugin *plugin, const char *request_json, ssrlink_buffer **out) {
  return guarded(
      plugin, "ssrlink_check_mapping", request_json, out,
      [](auto &instance, std::string_view request) { return instance.check_mapping(request); });
}

int ssrlink_ets_probe(ssrlink_plugin *plugin, const char *request_json, ssrlink_buffer **out) {
  return guarded(
      plugin, "ssrlink_ets_probe", request_json, out,
      [](auto &instance, std::string_view request) { return instance.ets_probe(request); });
}

int ssrlink_settings_get(ssrlink_plugin *plugin, const char *request_json, ssrlink_buffer **out) {
  return guarded(
      plugin, "ssrlink_settings_get", request_json, out,
      [](auto &instance, std::string_view request) { return instance.settings_get(request); });
}

int ssrlink_settings_put(ssrlink_plugin *plugin, const char *request_json, ssrlink_buffer **out) {
  return guarded(
      plugin, "ssrlink_settings_put", request_json, out,
      [](auto &instance, std::string_view request) { return instance.settings_put(request); });
}

int ssrlink_sweep(ssrlink_plugin *plugin, const char *request_json, ssrlink_buffer **out) {
  return guarded(plugin, "ssrlink_sweep", request_json, out,
                 [](auto &instance, std::string_view request) { return instance.sweep(request); });
}

const char *ssrlink_buffer_data(const ssrlink_buffer *buffer) {
  return buffer == nullptr ? "" : buffer->text.c_str();
}

size_t ssrlink_buffer_size(const ssrlink_buffer *buffer) {
  return buffer == nullptr ? 0 : buffer->text.size();
}

void ssrlink_buffer_free(ssrlink_buffer *buffer) {
  delete buffer;
}

}  // extern "C"
