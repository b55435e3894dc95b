// sweep_worker as a child process: started with posix_spawn, its stdout and stderr in files,
// waited for or SIGKILLed.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ssrlink::sweep::testing {

class worker_process {
 public:
  worker_process(const std::filesystem::path &dir, const std::string &name,
                 const std::vector<std::string> &args);
  ~worker_process();  // kills the worker if it still runs
  worker_process(const worker_process &) = delete;
  worker_process &operator=(const worker_process &) = delete;

  // Waits for the end; the exit code, or 128 + signal.
  int wait();
  int kill_now();              // SIGKILL, then reap: 128 + 9 when it was still running
  std::string output() const;  // stdout: the result JSON line
  std::string errors() const;  // stderr: log and progress lines

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_, err_;
};

}  // namespace ssrlink::sweep::testing
