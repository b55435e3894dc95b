// Port: where the credential rows live (the plugin's own table in the host database), and the
// sealer that keeps the Secret Key unreadable there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../model/credentials.hpp"

namespace ssrlink::core {

class credential_store {
 public:
  virtual ~credential_store() = default;
  // All thread-safe; throw failure(database) when the database cannot answer.
  virtual std::optional<stored_credentials> get(std::string_view scope) = 0;
  virtual std::vector<stored_credentials> list() = 0;
  virtual void put(const stored_credentials &row) = 0;  // insert or replace the scope's row
  virtual void remove(std::string_view scope) = 0;
};

class secret_sealer {
 public:
  virtual ~secret_sealer() = default;
  // Seals `secret` for `scope` (bound in as associated data). Thread-safe.
  virtual std::string seal(std::string_view secret, std::string_view scope) const = 0;
  // nullopt when the value was tampered with, sealed under another key or for another scope.
  virtual std::optional<std::string> open(std::string_view sealed,
                                          std::string_view scope) const = 0;
};

}  // namespace ssrlink::core
