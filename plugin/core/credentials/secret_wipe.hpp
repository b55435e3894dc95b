// Clearing a Secret Key from memory once it is no longer needed, so a core dump or a reused
// heap block taken later does not hold it.
#pragma once

#include <optional>
#include <string>

namespace ssrlink::core {

// Overwrites the string's bytes, then empties it.
void wipe(std::string &secret);

// Wipes a string holding a secret on every way out of a scope, exceptions included.
class wiped_on_exit {
 public:
  explicit wiped_on_exit(std::string &secret) : target_(&secret) {}
  explicit wiped_on_exit(std::optional<std::string> &secret) : optional_(&secret) {}
  ~wiped_on_exit();
  wiped_on_exit(const wiped_on_exit &) = delete;
  wiped_on_exit &operator=(const wiped_on_exit &) = delete;

 private:
  std::string *target_ = nullptr;
  std::optional<std::string> *optional_ = nullptr;
};

}  // namespace ssrlink::core
