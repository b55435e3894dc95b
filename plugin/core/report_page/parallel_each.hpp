// Runs a few independent, blocking jobs side by side: the family page's children, each a single
// page that may wait on ETS for up to its deadline, so that a family of N waits about one
// deadline rather than N.
//
// Rules:
//  1. work(0) … work(count - 1) each run exactly once; at most `max_parallel` at a time, the
//     calling thread being one of them (so count 1, or max_parallel 1, starts no thread).
//  2. It returns only when every job has finished: nothing runs on after the call.
//  3. An exception from work(i) is kept in the answer's element i (null when work(i) returned);
//     it does not stop the other jobs.
//  4. When a thread cannot be started, the threads already running (at least the caller's) take
//     the remaining jobs: slower, never lost.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

namespace ssrlink::core {

std::vector<std::exception_ptr> parallel_each(std::size_t count, std::size_t max_parallel,
                                              const std::function<void(std::size_t)> &work);

}  // namespace ssrlink::core
