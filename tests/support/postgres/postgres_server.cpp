#include "postgres/postgres_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ssrlink::test {
namespace {

namespace fs = std::filesystem;

constexpr const char *server_user = "ssrlink-test";

fs::path find_bindir() {
  if (const char *env = std::getenv("SSRLINK_PG_BINDIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (fs::exists(entry.path() / "bin" / "pg_ctl")) {
      found.push_back(entry.path() / "bin");
    }
  }
  if (found.empty()) {
    throw std::runtime_error(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/<n>/bin/pg_ctl and no "
        "SSRLINK_PG_BINDIR); install postgresql-15 to run these tests.");
  }
  // Newest major version: compare numerically, "15" > "9".
  std::sort(found.begin(), found.end(), [](const fs::path &a, const fs::path &b) {
    return std::atoi(a.parent_path().filename().c_str()) <
           std::atoi(b.parent_path().filename().c_str());
  });
  return found.back();
}

unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    throw std::runtime_error("socket() failed while looking for a free port");
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("bind() to 127.0.0.1:0 failed");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string read_file(const fs::path &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string tail(const std::string &text, std::size_t n = 2000) {
  return text.size() <= n ? text : text.substr(text.size() - n);
}

}  // namespace

postgres_server::postgres_server() : bin_(find_bindir()) {
  as_other_user_ = ::geteuid() == 0;
  std::string templ = (fs::temp_directory_path() / "ssrlink-pg-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for the PostgreSQL test directory");
  }
  dir_ = templ;
  if (as_other_user_) {
    run_user_ = server_user;
    if (::getpwnam(server_user) == nullptr) {
      std::string out;
      if (run({"useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
               server_user},
              false, &out) != 0 &&
          ::getpwnam(server_user) == nullptr) {
        fs::remove_all(dir_);
        throw std::runtime_error("could not create the system user ssrlink-test: " + out);
      }
    }
    const passwd *pw = ::getpwnam(server_user);
    if (pw == nullptr || ::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      fs::remove_all(dir_);
      throw std::runtime_error("could not hand the test directory to ssrlink-test");
    }
  }
  std::string out;
  if (run({(bin_ / "initdb").string(), "-D", (dir_ / "data").string(), "-U", superuser_,
           "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"},
          true, &out) != 0) {
    fs::remove_all(dir_);
    throw std::runtime_error("initdb failed: " + tail(out));
  }
  for (int attempt = 0; attempt < 5 && !started_; ++attempt) {
    started_ = try_start(free_port());
  }
  if (!started_) {
    const std::string log = read_file(dir_ / "server.log");
    fs::remove_all(dir_);
    throw std::runtime_error("pg_ctl start failed: " + tail(log));
  }
}

bool postgres_server::try_start(unsigned short port) {
  port_ = port;
  // fsync off: a test server's data need not survive a power cut, and it keeps the suite fast.
  const std::string options = "-p " + std::to_string(port) + " -k " + dir_.string() +
                              " -c listen_addresses=127.0.0.1 -c fsync=off"
                              " -c synchronous_commit=off -c full_page_writes=off"
                              " -c max_connections=60";
  std::string out;
  return run({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-l",
              (dir_ / "server.log").string(), "-o", options, "-w", "-t", "30", "start"},
             true, &out) == 0;
}

postgres_server::~postgres_server() {
  if (started_) {
    std::string out;
    run({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-m", "immediate", "-w",
         "stop"},
        true, &out);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string postgres_server::odbc_connection_string(const std::string &database,
                                                    const std::string &user) const {
  // CommLog=0;Debug=0: no communication or debug log for this connection, whatever a DSN or
  // driver entry says. Debian's odbcinst.ini entry for psqlODBC has CommLog=1, and that
  // driver-wide default still makes psqlODBC append a "PQfinish" line to /tmp/psqlodbc_*.log at
  // each disconnect (it is read when no connection is open); only CommLog=0 in odbcinst.ini
  // stops that file (docs/dba-guide.md, section 1).
  return "DRIVER={PostgreSQL Unicode};Server=127.0.0.1;Port=" + std::to_string(port_) +
         ";Database=" + database + ";Uid=" + (user.empty() ? superuser_ : user) +
         ";Pwd=;CommLog=0;Debug=0;";
}

void postgres_server::psql(const std::string &database, const std::string &sql) const {
  std::string out;
  if (run({(bin_ / "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
           std::to_string(port_), "-U", superuser_, "-d", database, "-c", sql},
          false, &out) != 0) {
    throw std::runtime_error("psql failed on '" + sql + "': " + tail(out));
  }
}

std::string postgres_server::psql_file(const std::string &database, const fs::path &file) const {
  std::string out;
  if (run({(bin_ / "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
           std::to_string(port_), "-U", superuser_, "-d", database, "-f", file.string()},
          false, &out) != 0) {
    throw std::runtime_error("psql -f " + file.string() + " failed: " + tail(out));
  }
  return out;
}

int postgres_server::run(std::vector<std::string> argv, bool as_server_user,
                         std::string *output) const {
  if (as_server_user && as_other_user_) {
    argv.insert(argv.begin(), {"runuser", "-u", run_user_, "--"});
  }
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    return -1;
  }
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return -1;
  }
  if (child == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) {
      ::dup2(null_fd, STDIN_FILENO);
    }
    // Run from a directory the server user can read, and never prompt for a password.
    if (::chdir("/") != 0) {
      ::_exit(126);
    }
    ::setenv("PGCONNECT_TIMEOUT", "10", 1);
    std::vector<char *> args;
    for (std::string &a : argv) {
      args.push_back(a.data());
    }
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  std::string collected;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n <= 0) {
      break;
    }
    collected.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (output != nullptr) {
    *output = std::move(collected);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ssrlink::test
