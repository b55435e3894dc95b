#include "buffer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <new>

namespace ssrlink::shim {

ssrlink_buffer *make_buffer(std::string text) noexcept {
  return new (std::nothrow) ssrlink_buffer{std::move(text)};
}

ssrlink_buffer *make_error_buffer(const std::string &message) noexcept {
  try {
    boost::json::object error;
    error["error"] = message;
    return make_buffer(boost::json::serialize(error));
  } catch (...) {
    return nullptr;
  }
}

}  // namespace ssrlink::shim
