// What a capability hands back to the shim: a status and the JSON text of the result. A thrown
// core::failure is the other way out; the shim turns it into {"error": "..."}.
#pragma once

#include <string>

#include "error.hpp"

namespace ssrlink::core {

struct call_result {
  status code = status::ok;
  std::string json;
};

}  // namespace ssrlink::core
