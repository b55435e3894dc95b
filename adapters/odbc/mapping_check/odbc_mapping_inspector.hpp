// check-mapping's database side (core::mapping_inspector): reads the ssrlink_* views the way the
// plugin reads them, row by row in key order with counts and a few examples only, and EXPLAINs
// the plugin's statements. Read only: every probe is a SELECT, every EXPLAIN runs in a
// transaction that is rolled back; no Secret Key, token or link table is ever read.
#pragma once

#include <memory>

#include "core/mapping_check/mapping_inspector.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

std::unique_ptr<core::mapping_inspector> make_mapping_inspector(
    std::shared_ptr<connection_pool> pool);

}  // namespace ssrlink::odbc
