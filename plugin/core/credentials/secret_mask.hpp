// How a stored Secret Key is shown to an administrator: enough to tell two pairs apart, never
// enough to use one.
#pragma once

#include <string>
#include <string_view>

namespace ssrlink::core {

// Secrets shorter than this are shown fully masked: four characters of a short key are too
// large a share of it.
inline constexpr std::size_t secret_mask_min_length = 12;

// "••••1234" (the last four characters only) for secrets of secret_mask_min_length or more
// ASCII characters; "••••••••" otherwise. The mask's length never depends on the secret's.
std::string mask_secret(std::string_view secret);

}  // namespace ssrlink::core
