// core::credential_store over the table ssrlink_credentials (one row per scope; the Secret Key
// only ever sealed).
#pragma once

#include <memory>

#include "core/ports/credential_store.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_credential_store final : public core::credential_store {
 public:
  explicit odbc_credential_store(std::shared_ptr<connection_pool> pool);
  std::optional<core::stored_credentials> get(std::string_view scope) override;
  std::vector<core::stored_credentials> list() override;
  // Throws failure(invalid_argument) for a scope over 64 bytes or a user name over 256.
  void put(const core::stored_credentials &row) override;
  void remove(std::string_view scope) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
