#include "odbc/odbc_ports.hpp"

#include "odbc/audit_log.hpp"
#include "odbc/credential_store.hpp"
#include "odbc/ets_token_store.hpp"
#include "odbc/link_cache_store.hpp"
#include "odbc/settings_store.hpp"
#include "odbc/student_directory.hpp"
#include "odbc/transaction_scope.hpp"

namespace ssrlink::odbc {

odbc_ports make_odbc_ports(const std::string &connection_string, unsigned pool_size,
                           core::logger &log) {
  pool_options options;
  options.size = pool_size;
  return make_odbc_ports(connection_string, options, log);
}

odbc_ports make_odbc_ports(const std::string &connection_string, const pool_options &options,
                           core::logger &log) {
  auto pool = std::make_shared<connection_pool>(connection_string, options, log);
  odbc_ports ports;
  ports.students = std::make_shared<odbc_student_directory>(pool);
  ports.credentials = std::make_shared<odbc_credential_store>(pool);
  ports.link_cache = std::make_shared<odbc_link_cache_store>(pool);
  ports.audit = std::make_shared<odbc_audit_log>(pool);
  ports.ets_tokens = std::make_shared<odbc_ets_token_store>(pool);
  ports.settings = std::make_shared<odbc_settings_store>(pool);
  ports.transactions = std::make_shared<odbc_transaction_scope>(pool);
  ports.pool = std::move(pool);
  return ports;
}

}  // namespace ssrlink::odbc
