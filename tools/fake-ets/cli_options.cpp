#include "cli_options.hpp"

#include <charconv>
#include <cstdint>
#include <limits>

namespace ssrlink::fake_ets {

const char *const usage_text =
    "usage:\n"
    "  fake-ets serve --fixture FILE --cert server.pem --key server.key [--host 127.0.0.1]\n"
    "                 [--port 0] [--port-file PATH] [--link-ttl SECONDS] [--threads N]\n"
    "                 [--latency-ms N] [--wire-profile FILE]\n"
    "  fake-ets make-cert --dir DIR [--name 127.0.0.1] [--name localhost] [--self-signed]\n";

namespace {

// Walks "--opt value" and "--opt=value" pairs.
class option_reader {
 public:
  explicit option_reader(const std::vector<std::string> &args) : args_(args) {}

  bool next() {
    if (index_ >= args_.size()) {
      return false;
    }
    const std::string &arg = args_[index_++];
    if (!arg.starts_with("--")) {
      throw usage_error("unexpected argument '" + arg + "'");
    }
    const std::size_t eq = arg.find('=');
    name_ = arg.substr(0, eq);
    inline_value_ = eq == std::string::npos ? std::nullopt : std::optional(arg.substr(eq + 1));
    return true;
  }
  const std::string &name() const { return name_; }
  bool has_inline_value() const { return inline_value_.has_value(); }
  std::string value() {
    if (inline_value_) {
      return *inline_value_;
    }
    if (index_ >= args_.size()) {
      throw usage_error(name_ + " needs a value");
    }
    return args_[index_++];
  }
  std::uint64_t number(std::uint64_t max) {
    const std::string text = value();
    std::uint64_t result = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (ec != std::errc{} || end != text.data() + text.size() || result > max) {
      throw usage_error(name_ + " needs a whole number up to " + std::to_string(max) + ", not '" +
                        text + "'");
    }
    return result;
  }

 private:
  const std::vector<std::string> &args_;
  std::size_t index_ = 1;  // args_[0] is the sub-command
  std::string name_;
  std::optional<std::string> inline_value_;
};

serve_options parse_serve(const std::vector<std::string> &args) {
  serve_options options;
  option_reader reader(args);
  while (reader.next()) {
    const std::string &name = reader.name();
    if (name == "--fixture") {
      options.fixture = reader.value();
    } else if (name == "--cert") {
      options.cert = reader.value();
    } else if (name == "--key") {
      options.key = reader.value();
    } else if (name == "--host") {
      options.host = reader.value();
    } else if (name == "--port") {
      options.port = static_cast<unsigned short>(reader.number(65535));
    } else if (name == "--port-file") {
      options.port_file = reader.value();
    } else if (name == "--link-ttl") {
      options.link_ttl = std::chrono::seconds(reader.number(std::uint64_t{10} * 365 * 24 * 3600));
    } else if (name == "--threads") {
      options.threads = static_cast<unsigned>(reader.number(256));
      if (options.threads == 0) {
        throw usage_error("--threads must be at least 1");
      }
    } else if (name == "--latency-ms") {
      options.latency = std::chrono::milliseconds(reader.number(std::uint64_t{3600} * 1000));
    } else if (name == "--wire-profile") {
      options.wire_profile = reader.value();
      if (options.wire_profile->empty()) {
        throw usage_error("--wire-profile needs a file name");
      }
    } else {
      throw usage_error("serve: unknown option " + name);
    }
  }
  if (options.fixture.empty()) {
    throw usage_error("serve needs --fixture");
  }
  if (options.cert.empty()) {
    throw usage_error("serve needs --cert");
  }
  if (options.key.empty()) {
    throw usage_error("serve needs --key");
  }
  return options;
}

make_cert_options parse_make_cert(const std::vector<std::string> &args) {
  make_cert_options options;
  option_reader reader(args);
  while (reader.next()) {
    const std::string &name = reader.name();
    if (name == "--dir") {
      options.dir = reader.value();
    } else if (name == "--name") {
      options.names.push_back(reader.value());
    } else if (name == "--self-signed") {
      if (reader.has_inline_value()) {
        throw usage_error("--self-signed takes no value");
      }
      options.self_signed = true;
    } else {
      throw usage_error("make-cert: unknown option " + name);
    }
  }
  if (options.dir.empty()) {
    throw usage_error("make-cert needs --dir");
  }
  if (options.names.empty()) {
    options.names = {"127.0.0.1", "localhost"};
  }
  return options;
}

}  // namespace

command parse_command_line(const std::vector<std::string> &args) {
  if (args.empty()) {
    throw usage_error("missing sub-command");
  }
  const std::string &sub = args.front();
  if (sub == "serve") {
    return parse_serve(args);
  }
  if (sub == "make-cert") {
    return parse_make_cert(args);
  }
  if (sub == "--help" || sub == "-h" || sub == "help") {
    return help_request{};
  }
  throw usage_error("unknown sub-command '" + sub + "'");
}

}  // namespace ssrlink::fake_ets
