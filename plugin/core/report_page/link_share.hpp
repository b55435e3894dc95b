// A fresh ETS answer's entry in the shared link cache, still to be written: the link cache hands
// it to the caller that fetched (link_cache.hpp, rule 5), and the report page writes it in the
// transaction of its audit row (report_page_service.hpp, rule 3).
#pragma once

#include <memory>
#include <string>

#include "../model/ets_outcome.hpp"
#include "../time.hpp"

namespace ssrlink::core {

struct link_share {
  std::string key;                                   // link_cache::key_for(ssid, set id)
  time_point serve_until;                            // the entry's deadline in the shared store
  time_point fetched_at;                             // when ETS answered
  std::shared_ptr<const ets_reports_result> answer;  // what to write
};

}  // namespace ssrlink::core
