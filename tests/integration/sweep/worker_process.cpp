#include "worker_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

extern char **environ;

namespace ssrlink::sweep::testing {

namespace {

std::string slurp(const std::filesystem::path &p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

worker_process::worker_process(const std::filesystem::path &dir, const std::string &name,
                               const std::vector<std::string> &args)
    : out_(dir / (name + ".out")), err_(dir / (name + ".err")) {
  std::vector<std::string> argv_text{SWEEP_WORKER_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (std::string &a : argv_text) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::runtime_error("cannot start sweep_worker");
  }
}

worker_process::~worker_process() {
  if (pid_ > 0) {
    kill_now();
  }
}

int worker_process::wait() {
  int status = 0;
  if (pid_ <= 0) {
    return -1;
  }
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int worker_process::kill_now() {
  if (pid_ <= 0) {
    return -1;
  }
  ::kill(pid_, SIGKILL);
  return wait();
}

std::string worker_process::output() const {
  return slurp(out_);
}
std::string worker_process::errors() const {
  return slurp(err_);
}

}  // namespace ssrlink::sweep::testing
