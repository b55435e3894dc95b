// Many ETS report fetches at once without a thread each: at most `concurrency` asynchronous calls
// in flight, every answer handed back to the calling thread. So the database work an answer leads
// to never runs on (and never blocks) the ETS adapter's threads, and the sweep's own state needs
// no lock. The sweep hands that work on to its writer (write_pipeline.hpp), so the calling thread
// only compares and queues, and starts the next call at once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "../model/credentials.hpp"
#include "../ports/ets_client.hpp"

namespace ssrlink::core {

struct fetch_job {
  const ets_credentials *credentials = nullptr;  // not null; outlives the fetch
  std::string ssid;
};

// Called on the calling thread, once per job, in the order the answers arrive.
using answer_handler = std::function<void(std::size_t job_index, const ets_reports_result &)>;

// Fetches every job's report list, at most max(concurrency, 1) at a time, and returns once every
// answer was handled. When `handle` throws, waits for the calls still in flight before the
// exception leaves, so that no callback outlives what it points at.
void fetch_all(ets_client &ets, unsigned concurrency, const std::vector<fetch_job> &jobs,
               const answer_handler &handle);

}  // namespace ssrlink::core
