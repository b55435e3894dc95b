// The composition root's entry into the ODBC adapter: every database-backed port over one
// bounded, lazily connecting pool.
#pragma once

#include <memory>
#include <string>

#include "core/ports/audit_log.hpp"
#include "core/ports/credential_store.hpp"
#include "core/ports/ets_token_store.hpp"
#include "core/ports/link_cache.hpp"
#include "core/ports/logger.hpp"
#include "core/ports/settings_store.hpp"
#include "core/ports/student_directory.hpp"
#include "core/ports/transaction_scope.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

struct odbc_ports {
  std::shared_ptr<core::student_directory> students;
  std::shared_ptr<core::credential_store> credentials;
  std::shared_ptr<core::link_cache_store> link_cache;
  std::shared_ptr<core::audit_log> audit;
  std::shared_ptr<core::ets_token_store> ets_tokens;      // sealed ETS tokens shared by processes
  std::shared_ptr<core::settings_store> settings;         // the district's settings (version 5)
  std::shared_ptr<core::transaction_scope> transactions;  // writes of several ports, one commit
  std::shared_ptr<connection_pool> pool;                  // for later ports (sweep) and tests
};

// Connects nothing yet: the first call on a port opens the first connection, so the plugin
// opens while the database is down and each call then fails with "Cannot connect to the
// database ... (SQLSTATE 08001)". `log` must outlive the ports. Throws failure(database) only
// when the ODBC driver manager itself cannot start.
odbc_ports make_odbc_ports(const std::string &connection_string, unsigned pool_size,
                           core::logger &log);

// The same with every pool setting (timeouts) spelled out.
odbc_ports make_odbc_ports(const std::string &connection_string, const pool_options &options,
                           core::logger &log);

}  // namespace ssrlink::odbc
