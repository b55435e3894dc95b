#include "fake_ets_process.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "wire_profiles/test_wire_profile.hpp"

extern char **environ;

namespace ssrlink::ets::testing {
namespace {

pid_t spawn(const std::vector<std::string> &args, int stdout_fd) {
  std::vector<char *> argv;
  for (const auto &a : args) {
    argv.push_back(const_cast<char *>(a.c_str()));
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  }
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::runtime_error("cannot start " + args[0]);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

temp_dir::temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ssrlink-ets-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void make_cert(const std::filesystem::path &dir, const std::vector<std::string> &extra) {
  std::filesystem::create_directories(dir);
  std::vector<std::string> args{FAKE_ETS_PATH, "make-cert", "--dir", dir.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  if (wait_for(spawn(args, -1)) != 0) {
    throw std::runtime_error("fake-ets make-cert failed");
  }
}

fake_ets_process::fake_ets_process(const std::filesystem::path &work_dir,
                                   const std::string &fixture_json,
                                   const std::filesystem::path &cert_dir, unsigned short port,
                                   const std::optional<std::filesystem::path> &wire_profile) {
  const auto fixture = work_dir / "fixture.json";
  std::ofstream(fixture) << fixture_json;
  const auto port_file = work_dir / "port";
  std::vector<std::string> args{FAKE_ETS_PATH, "serve",
                                "--fixture",   fixture.string(),
                                "--cert",      (cert_dir / "server.pem").string(),
                                "--key",       (cert_dir / "server.key").string(),
                                "--host",      "127.0.0.1",
                                "--port",      std::to_string(port),
                                "--port-file", port_file.string()};
  // The profile asked for, else the one the suite runs under (SSRLINK_TEST_WIRE_PROFILE);
  // fixtures stay in the default names, which fake-ets translates.
  const auto profile = wire_profile
                           ? std::vector<std::string>{"--wire-profile", wire_profile->string()}
                           : ssrlink::testing::fake_ets_wire_profile_arguments();
  args.insert(args.end(), profile.begin(), profile.end());
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  pid_ = spawn(args, fds[1]);
  close(fds[1]);
  // The server prints its one line once it accepts connections; wait for it (bounded). A server
  // that dies ends the wait at once; the bound is for one that hangs, and is generous because
  // sweep_bench's fixture of 500,000 students took about 40 s to load on a busy 2-core machine.
  std::string line;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < give_up) {
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, 1000) > 0) {
      std::array<char, 256> buf{};
      const auto n = read(fds[0], buf.data(), buf.size());
      if (n <= 0) {
        break;
      }
      line.append(buf.data(), static_cast<std::size_t>(n));
    }
  }
  close(fds[0]);
  if (line.find("fake-ets listening on https://") == std::string::npos) {
    kill(pid_, SIGKILL);
    wait_for(pid_);
    throw std::runtime_error("fake-ets did not start: " + line);
  }
  std::ifstream in(port_file);
  unsigned value = 0;
  in >> value;
  if (value == 0 || value > 65535) {
    kill(pid_, SIGKILL);
    wait_for(pid_);
    throw std::runtime_error("fake-ets wrote no port");
  }
  port_ = static_cast<unsigned short>(value);
}

fake_ets_process::~fake_ets_process() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    wait_for(pid_);
  }
}

std::string fake_ets_process::base_url() const {
  return "https://127.0.0.1:" + std::to_string(port_) + "/api/v1";
}

boost::json::value fake_ets_process::control(const std::filesystem::path &ca_file,
                                             const std::string &what,
                                             const std::string &post_body) const {
  std::string cmd = "curl -sS --max-time 10 --cacert '" + ca_file.string() + "'";
  if (!post_body.empty()) {
    cmd += " -X POST -H 'Content-Type: application/json' --data '" + post_body + "'";
  }
  cmd += " https://127.0.0.1:" + std::to_string(port_) + "/_control/" + what;
  FILE *p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    throw std::runtime_error("cannot run curl");
  }
  std::string out;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) {
    out.append(buf.data(), n);
  }
  if (pclose(p) != 0) {
    throw std::runtime_error("curl failed for /_control/" + what);
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(out, ec);
  return ec ? boost::json::value() : v;
}

unsigned short closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr *>(&addr), len) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace ssrlink::ets::testing
