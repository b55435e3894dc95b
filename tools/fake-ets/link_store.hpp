// The pre-signed document links the server has handed out: an opaque id, a random signature
// and an expiry, like an object-store URL. Thread-safe and bounded (oldest links are forgotten
// first), so a sweep over 500,000 students keeps memory flat.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ssrlink::fake_ets {

// What the served document says about itself.
struct document_facts {
  std::string ssid;
  std::string report_type;
  std::string report_name;
  std::string administration_year;
  std::string grade;
  std::string subject;
  std::string language;
  std::string format;
  std::string status;
};

struct issued_link {
  std::string id;
  std::string signature;
  std::chrono::system_clock::time_point expires_at;
};

enum class link_check { valid, unknown, expired, bad_signature };

struct link_lookup {
  link_check result = link_check::unknown;
  std::optional<document_facts> facts;  // set when valid
};

class link_store {
 public:
  using clock = std::chrono::system_clock;

  explicit link_store(std::size_t capacity = 50000) : capacity_(capacity) {}

  issued_link issue(document_facts facts, std::chrono::seconds ttl);
  link_lookup find(const std::string &id, const std::string &signature) const;
  std::size_t size() const;

 private:
  struct entry {
    std::string signature;
    clock::time_point expires_at;
    document_facts facts;
  };

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> links_;
  std::deque<std::string> order_;  // issue order, for eviction
};

}  // namespace ssrlink::fake_ets
