// Port: store writes that commit together. A cold page (links just fetched from ETS) writes the
// shared link cache's new entry and its audit row in one transaction, so it waits for one commit
// instead of one per statement (report_page_service, rule 3).
#pragma once

#include <functional>

namespace ssrlink::core {

class transaction_scope {
 public:
  virtual ~transaction_scope() = default;
  // Runs `writes` on the calling thread so that every write the stores make inside it commits
  // together when it returns, or none does when it throws (the exception is rethrown; a commit
  // that fails throws failure(database)). Not reentrant. Thread-safe across threads.
  virtual void together(const std::function<void()> &writes) = 0;
};

}  // namespace ssrlink::core
