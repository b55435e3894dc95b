// core::audit_log over the table ssrlink_audit: one row per page request.
#pragma once

#include <memory>

#include "core/ports/audit_log.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_audit_log final : public core::audit_log {
 public:
  explicit odbc_audit_log(std::shared_ptr<connection_pool> pool);
  // A dropped connection is retried once, so in that rare case a row may be written twice;
  // an audit trail errs on the side of more rows, never fewer.
  void record(const core::audit_entry &entry) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
