#include "parallel_each.hpp"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>

namespace ssrlink::core {

std::vector<std::exception_ptr> parallel_each(std::size_t count, std::size_t max_parallel,
                                              const std::function<void(std::size_t)> &work) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  // Each runner takes the next job until none is left (rules 1 and 4); every job writes only its
  // own element of `errors`, and the joins below order those writes before the return.
  const auto runner = [&] {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      try {
        work(i);
      } catch (...) {
        errors[i] = std::current_exception();  // rule 3
      }
    }
  };

  const std::size_t helpers =
      std::min(count, std::max<std::size_t>(max_parallel, 1)) - (count > 0 ? 1 : 0);
  std::vector<std::thread> threads;
  threads.reserve(helpers);
  for (std::size_t i = 0; i < helpers; ++i) {
    try {
      threads.emplace_back(runner);
    } catch (const std::system_error &) {
      break;  // rule 4: the runners already started share the rest
    }
  }
  runner();
  for (auto &thread : threads) {
    thread.join();  // rule 2
  }
  return errors;
}

}  // namespace ssrlink::core
