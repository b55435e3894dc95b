// The ETS adapter's only public entry point: the composition root builds the client here and
// sees nothing of Beast, Asio or OpenSSL.
#pragma once

#include <memory>

#include "core/config.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/ets_client.hpp"
#include "core/ports/logger.hpp"

namespace ssrlink::ets {

// An HTTPS client for the ETS score report API (docs/ets-protocol.md). `log` and `clock` must
// outlive the client. Throws core::failure(status::config) for a base_url that is not
// "https://host[:port][/path]" or a ca_file that cannot be read. The client owns its io_context
// and a thread that runs it when no blocking caller does (io_driver.hpp); its destructor waits
// for calls in flight (each bounded by settings.timeout) and joins that thread.
std::unique_ptr<core::ets_client> make_ets_client(const core::ets_settings &settings,
                                                  core::logger &log, const core::clock &clock);

}  // namespace ssrlink::ets
