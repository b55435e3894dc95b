#include "plugin_instance.hpp"

#include "core/error.hpp"

namespace ssrlink::assembly {
namespace {

[[noreturn]] void not_available(const char *capability, const char *issue) {
  throw core::failure(core::status::unavailable, std::string(capability) +
                                                     " is not available yet in this build (" +
                                                     issue + "); nothing was done.");
}

}  // namespace

struct plugin_instance::services {};

plugin_instance::plugin_instance(std::string_view config_json, std::unique_ptr<core::logger> log,
                                 std::unique_ptr<core::clock> clock)
    : log_(std::move(log)),
      clock_(std::move(clock)),
      config_(core::parse_config(config_json)),
      services_(std::make_unique<services>()) {}

plugin_instance::~plugin_instance() = default;

core::call_result plugin_instance::reports(std::string_view) {
  not_available("ssrlink_reports", "the report page");
}
core::call_result plugin_instance::credentials_put(std::string_view) {
  not_available("ssrlink_credentials_put", "credentials");
}
core::call_result plugin_instance::credentials_status(std::string_view) {
  not_available("ssrlink_credentials_status", "credentials");
}
core::call_result plugin_instance::test_connection(std::string_view) {
  not_available("ssrlink_test_connection", "credentials");
}
core::call_result plugin_instance::sweep(std::string_view) {
  not_available("ssrlink_sweep", "the notification sweep");
}

}  // namespace ssrlink::assembly
