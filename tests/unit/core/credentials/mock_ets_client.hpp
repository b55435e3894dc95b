// gmock ets_client: credential_admin only ever calls check_credentials (test connection) and
// probe.
#pragma once

#include <gmock/gmock.h>

#include "core/ports/ets_client.hpp"

namespace ssrlink::core::testing {

class mock_ets_client : public ets_client {
 public:
  MOCK_METHOD(void, fetch_reports_async, (const ets_credentials &, std::string, reports_callback),
              (override));
  MOCK_METHOD(ets_reports_result, fetch_reports, (const ets_credentials &, const std::string &),
              (override));
  MOCK_METHOD(ets_token_result, check_credentials, (const ets_credentials &), (override));
  MOCK_METHOD(ets_probe_report, probe,
              (const ets_credentials &, const std::optional<std::string> &), (override));
};

}  // namespace ssrlink::core::testing
