// The sweep store over ODBC: ssrlink_sweep_lease (leases), ssrlink_report_log and ssrlink_outbox
// (written together in one manual-commit transaction per student), reading ssrlink_student,
// ssrlink_contact and ssrlink_school. Needs sql/<dialect>/migrations/0002_sweep.sql.
#pragma once

#include <memory>

#include "core/sweep/sweep_store.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

// `pool` is shared with the other ODBC ports.
std::unique_ptr<core::sweep_store> make_odbc_sweep_store(std::shared_ptr<connection_pool> pool);

}  // namespace ssrlink::odbc
