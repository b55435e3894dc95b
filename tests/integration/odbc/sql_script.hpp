// Runs a .sql file through ODBC, one statement at a time, the way a DBA's tool would: the test
// loads the very scripts a DBA installs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ssrlink::odbc::testing {

// Splits SQL text on ';' outside quotes, dollar-quoted bodies and comments. Comments are
// dropped; empty statements are skipped.
std::vector<std::string> split_sql(const std::string &text);

// Runs every statement of `file` on a fresh connection; throws core::failure on the first error.
void run_sql_file(const std::string &connection_string, const std::filesystem::path &file);

}  // namespace ssrlink::odbc::testing
