// Standard base64 (RFC 4648 section 4, with padding) for sealed values stored as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssrlink::crypto {

std::string base64_encode(const std::vector<unsigned char> &bytes);

// nullopt for anything that is not canonical padded base64 (wrong length, stray characters,
// whitespace), so a damaged value is refused instead of decoded into something else.
std::optional<std::vector<unsigned char>> base64_decode(std::string_view text);

}  // namespace ssrlink::crypto
