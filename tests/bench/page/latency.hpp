// Per-iteration latencies for the benchmarks: Google Benchmark reports means, but the performance
// bars are written as percentiles (p50, p99), so each benchmark thread keeps its own samples and
// publishes them as counters averaged over the threads.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <vector>

namespace ssrlink::bench {

class latency_samples {
 public:
  explicit latency_samples(std::size_t expected = 1U << 16) { micros_.reserve(expected); }

  void add(std::chrono::steady_clock::duration elapsed) {
    micros_.push_back(std::chrono::duration<double, std::micro>(elapsed).count());
  }

  // q in [0, 1]; nearest-rank percentile. 0 when there are no samples.
  double percentile(double q) {
    if (micros_.empty()) {
      return 0;
    }
    const auto last = static_cast<double>(micros_.size() - 1);
    const auto rank = static_cast<std::size_t>(std::lround(q * last));
    std::nth_element(micros_.begin(), micros_.begin() + static_cast<std::ptrdiff_t>(rank),
                     micros_.end());
    return micros_[rank];
  }

  // p50_us / p99_us counters, averaged over the benchmark's threads.
  void publish(benchmark::State &state) {
    state.counters["p50_us"] =
        benchmark::Counter(percentile(0.50), benchmark::Counter::kAvgThreads);
    state.counters["p99_us"] =
        benchmark::Counter(percentile(0.99), benchmark::Counter::kAvgThreads);
  }

  const std::vector<double> &micros() const { return micros_; }

 private:
  std::vector<double> micros_;
};

// Times one call of `body` into `samples`.
template <typename Body>
void timed(latency_samples &samples, Body &&body) {
  const auto start = std::chrono::steady_clock::now();
  body();
  samples.add(std::chrono::steady_clock::now() - start);
}

}  // namespace ssrlink::bench
