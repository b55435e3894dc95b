#include "crypto/seal_key_file.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"
#include "crypto/aes_gcm_sealer.hpp"

namespace ssrlink::crypto {
namespace {

constexpr std::size_t hex_chars = 2 * seal_key_bytes;
// Longer than any valid file (64 hex + "\r\n"), so an oversized file is noticed, not truncated.
constexpr std::size_t read_limit = hex_chars + 8;

using key_bytes = std::array<unsigned char, seal_key_bytes>;

// Wipes what it holds when it goes out of scope, whichever way that happens.
template <std::size_t N>
struct wiped_buffer {
  std::array<unsigned char, N> bytes{};
  ~wiped_buffer() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

class file_descriptor {
 public:
  explicit file_descriptor(int fd) : fd_(fd) {}
  ~file_descriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  file_descriptor(const file_descriptor &) = delete;
  file_descriptor &operator=(const file_descriptor &) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void refuse(const std::string &message, std::string detail = {}) {
  throw core::failure(core::status::config, message, std::move(detail));
}

// std::strerror is not thread-safe; the error_code message is.
std::string errno_text(int err) {
  return std::generic_category().message(err);
}

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

bool write_all(int fd, const unsigned char *data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Makes the file at `path` with a fresh key. Returns false when another process created it
// first (then its key is the one to use).
bool create_key_file(const std::string &path) {
  wiped_buffer<seal_key_bytes> key;
  if (RAND_bytes(key.bytes.data(), static_cast<int>(key.bytes.size())) != 1) {
    throw core::failure(
        core::status::internal,
        "Could not get random bytes from OpenSSL to create the seal key file \"" + path + "\".");
  }
  wiped_buffer<hex_chars + 1> text;
  static constexpr char digits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < seal_key_bytes; ++i) {
    text.bytes[2 * i] = static_cast<unsigned char>(digits[key.bytes[i] >> 4]);
    text.bytes[2 * i + 1] = static_cast<unsigned char>(digits[key.bytes[i] & 0x0f]);
  }
  text.bytes[hex_chars] = '\n';

  std::array<unsigned char, 8> suffix_bytes{};
  RAND_bytes(suffix_bytes.data(), static_cast<int>(suffix_bytes.size()));
  std::string temp = path + ".new-" + std::to_string(::getpid()) + "-";
  for (unsigned char b : suffix_bytes) {
    temp.push_back(digits[b & 0x0f]);
  }
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    const int err = errno;
    refuse("Could not create the seal key file next to \"" + path + "\" (" + errno_text(err) +
           "); make its directory writable by the user running the SIS, or create the key "
           "file yourself (64 hex characters, e.g. `openssl rand -hex 32 > " +
           path + " && chmod 600 " + path + "`).");
  }
  bool ok = false;
  {
    file_descriptor guard(fd);
    // fchmod in case the process umask took bits away that we want exact; never adds any.
    ok = ::fchmod(fd, 0600) == 0 && write_all(fd, text.bytes.data(), text.bytes.size()) &&
         ::fsync(fd) == 0;
  }
  if (!ok) {
    const int err = errno;
    ::unlink(temp.c_str());
    refuse("Could not write the new seal key file \"" + path + "\" (" + errno_text(err) +
           "); check free space and permissions in its directory.");
  }
  // link() fails with EEXIST instead of replacing: the O_EXCL guarantee, but for a complete file.
  const int linked = ::link(temp.c_str(), path.c_str());
  const int link_err = errno;
  ::unlink(temp.c_str());
  if (linked != 0) {
    if (link_err == EEXIST) {
      return false;
    }
    refuse("Could not put the new seal key file in place at \"" + path + "\" (" +
           errno_text(link_err) + "); check the permissions of its directory.");
  }
  // Persist the directory entry too, so a crash right now cannot lose a key already in use.
  const auto dir = std::filesystem::path(path).parent_path();
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return true;
}

// Reads and checks the file; fills `key`. Returns false when the file does not exist.
bool read_key_file(const std::string &path, key_bytes &key) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) {
      return false;
    }
    if (err == ELOOP) {
      refuse("The seal key file \"" + path +
             "\" is a symbolic link; point seal_key_file at the real file.");
    }
    refuse("Cannot open the seal key file \"" + path + "\" (" + errno_text(err) +
           "); it must be readable by the user running the SIS (and by nobody else).");
  }
  file_descriptor guard(fd);
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    refuse("The seal key file \"" + path +
           "\" is not a regular file; point seal_key_file at a "
           "file holding 64 hex characters.");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    refuse("The seal key file \"" + path +
           "\" can be read or written by group or others; restrict it with `chmod 600 " + path +
           "` (and check who may have copied it).");
  }
  wiped_buffer<read_limit> text;
  std::size_t size = 0;
  while (size < text.bytes.size()) {
    const ssize_t n = ::read(fd, text.bytes.data() + size, text.bytes.size() - size);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int err = errno;
      refuse("Cannot read the seal key file \"" + path + "\" (" + errno_text(err) + ").");
    }
    if (n == 0) {
      break;
    }
    size += static_cast<std::size_t>(n);
  }
  if (size > 0 && text.bytes[size - 1] == '\n') {
    --size;
    if (size > 0 && text.bytes[size - 1] == '\r') {
      --size;
    }
  }
  static constexpr std::string_view fix =
      " Restore the file from your backup; if there is none, delete it so a new key is created "
      "and enter every TOMS Secret Key again.";
  if (size != hex_chars) {
    refuse("The seal key file \"" + path +
           "\" must hold exactly 64 hexadecimal characters (a "
           "32-byte key), optionally followed by a newline; it holds " +
           std::to_string(size) + " characters." + std::string(fix));
  }
  for (std::size_t i = 0; i < seal_key_bytes; ++i) {
    const int high = hex_value(text.bytes[2 * i]);
    const int low = hex_value(text.bytes[2 * i + 1]);
    if (high < 0 || low < 0) {
      refuse("The seal key file \"" + path +
             "\" holds a character that is not hexadecimal (0-9, a-f); it must hold exactly 64 "
             "hexadecimal characters." +
             std::string(fix));
    }
    key[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return true;
}

}  // namespace

std::unique_ptr<core::secret_sealer> open_seal_key(const std::string &path, core::logger &log) {
  if (path.empty()) {
    refuse("\"seal_key_file\" is empty; set it to a file path such as /etc/ssrlink/seal.key.");
  }
  const auto dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
    refuse("The directory of the seal key file \"" + path + "\" (" + dir.string() +
           ") does not exist; create it (for example `mkdir -m 700 " + dir.string() +
           "`) or correct seal_key_file.");
  }
  wiped_buffer<seal_key_bytes> key;
  // Two rounds: if another process wins the creation race, its file is the one to read.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (read_key_file(path, key.bytes)) {
      return std::make_unique<aes_gcm_sealer>(key.bytes);
    }
    if (create_key_file(path)) {
      log.log(core::log_level::info,
              "Created a new seal key file \"" + path +
                  "\" (mode 0600). Back it up now: without it the stored TOMS Secret Keys "
                  "cannot be opened and must all be entered again.");
    }
  }
  refuse("The seal key file \"" + path +
         "\" disappeared while it was being created; check what else manages that directory.");
}

}  // namespace ssrlink::crypto
