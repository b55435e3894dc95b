// A host as the C ABI sees it: an ssrlink_host whose callbacks record what the library passed
// them (level, bytes, whether the text was NUL-terminated at `length`, the calling thread) and
// whose clock the test sets. Each callback can be left out, as a host may leave it NULL.
#pragma once

#include <ssrlink/ssrlink.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ssrlink::shim::testing {

// Which callbacks a host gives.
struct host_callbacks {
  bool log = true;
  bool now_ms = true;
  bool progress = true;
};

struct recording_host {
  struct line {
    std::int32_t level;
    std::string text;
    bool nul_terminated;  // message[length] == '\0', as the header promises
    std::thread::id thread;
  };

  std::mutex mutex;
  std::vector<line> lines;
  std::vector<std::string> progress;
  std::atomic<int> now_calls{0};
  std::atomic<std::int64_t> now{1'700'000'000'000};

  ssrlink_host host(std::uint32_t flags = 0, host_callbacks given = {}) {
    ssrlink_host h{};
    h.struct_size = sizeof h;
    h.context = this;
    if (given.log) {
      h.log = [](void *context, std::int32_t level, const char *message, std::size_t length) {
        auto &self = *static_cast<recording_host *>(context);
        const std::lock_guard lock(self.mutex);
        self.lines.push_back(line{level, std::string(message, length), message[length] == '\0',
                                  std::this_thread::get_id()});
      };
    }
    if (given.now_ms) {
      h.now_ms = [](void *context) -> std::int64_t {
        auto &self = *static_cast<recording_host *>(context);
        ++self.now_calls;
        return self.now.load();
      };
    }
    if (given.progress) {
      h.progress = [](void *context, const char *json, std::size_t length) {
        auto &self = *static_cast<recording_host *>(context);
        const std::lock_guard lock(self.mutex);
        self.progress.emplace_back(json, length);
      };
    }
    h.flags = flags;
    return h;
  }

  std::vector<std::string> texts() {
    const std::lock_guard lock(mutex);
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (const line &each : lines) {
      out.push_back(each.text);
    }
    return out;
  }
};

// Runs `work` on a thread of "the library" (one inside no ssrlink_* call) and waits for it.
template <class Work>
void on_library_thread(Work work) {
  std::thread thread(work);
  thread.join();
}

}  // namespace ssrlink::shim::testing
