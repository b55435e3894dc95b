// The sentence "test connection" shows an administrator for each way a token request can end.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../model/ets_outcome.hpp"

namespace ssrlink::core {

// `warning` is the scope's expiry warning, if any; it is added to a successful answer and used
// to explain a refusal of an expired pair.
std::string connection_message(std::string_view scope, const ets_token_result &result,
                               const std::optional<std::string> &warning, bool expired);

}  // namespace ssrlink::core
