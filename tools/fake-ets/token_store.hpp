// Bearer tokens the fake server has issued. Thread-safe; bounded so a long benchmark that asks
// for many tokens cannot grow it without limit.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ssrlink::fake_ets {

class token_store {
 public:
  using clock = std::chrono::system_clock;

  explicit token_store(std::size_t capacity = 100000) : capacity_(capacity) {}

  // A fresh random token for `username`, valid for `lifetime`.
  std::string issue(const std::string &username, std::chrono::seconds lifetime);
  // True while the token exists and has not expired.
  bool valid(const std::string &token) const;
  void revoke(const std::string &token);
  void revoke_user(const std::string &username);
  void revoke_all();

 private:
  struct entry {
    std::string username;
    clock::time_point expires_at;
  };
  void make_room();  // requires mutex_

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> tokens_;
};

}  // namespace ssrlink::fake_ets
