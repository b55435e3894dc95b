#include "ets_client_factory.hpp"

#include "https_ets_client.hpp"

namespace ssrlink::ets {

std::unique_ptr<core::ets_client> make_ets_client(const core::ets_settings &settings,
                                                  core::logger &log, const core::clock &clock) {
  return std::make_unique<https_ets_client>(settings, log, clock);
}

}  // namespace ssrlink::ets
