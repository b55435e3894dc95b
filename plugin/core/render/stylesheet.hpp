// The small default stylesheet for the report page fragment, for hosts (like the reference host)
// that do not style the ssrlink-* classes themselves.
#pragma once

#include <string_view>

namespace ssrlink::core {

// Static storage; valid for the life of the process. Thread-safe.
std::string_view default_stylesheet();

}  // namespace ssrlink::core
