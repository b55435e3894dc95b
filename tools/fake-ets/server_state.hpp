// Everything the running server knows and the control endpoints change: the fixture, issued
// tokens and links, which credential pairs are superseded, armed faults and request counters.
// Thread-safe: sessions on any io_context thread call it concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "fault.hpp"
#include "fixture.hpp"
#include "link_store.hpp"
#include "token_store.hpp"

namespace ssrlink::fake_ets {

struct server_settings {
  std::chrono::seconds link_ttl{1800};
  std::chrono::milliseconds latency{0};  // added to every /api/v1 answer
};

struct request_counters {
  std::atomic<std::uint64_t> token_requests{0};
  std::atomic<std::uint64_t> report_requests{0};
  std::atomic<std::uint64_t> connections{0};
  std::atomic<std::uint64_t> file_requests{0};
  std::atomic<std::uint64_t> trailing_writes{0};  // trailing_bytes faults delivered to the wire

  void reset();
};

enum class login_result { ok, not_authorized };

class server_state {
 public:
  server_state(fixture data, server_settings settings);

  const server_settings &settings() const { return settings_; }
  request_counters &counters() { return counters_; }
  link_store &links() { return links_; }
  token_store &tokens() { return tokens_; }
  std::chrono::seconds token_lifetime() const { return fixture_.token_lifetime; }

  // The token for a good, current pair; nullopt for a wrong, unknown or superseded one.
  std::optional<std::string> login(const std::string &username, const std::string &secret_key);

  // Marks a user's pair superseded (or current again) and, when superseding, revokes the
  // tokens issued to it. False for an unknown user name.
  bool set_superseded(const std::string &username, bool superseded);

  // nullptr when ETS "does not know" the SSID.
  const student *find_student(const std::string &ssid) const;

  // The fault to apply to this request, counting it against `times`.
  std::optional<fault_spec> take_student_fault(const std::string &ssid);
  std::optional<fault_spec> take_token_fault();
  void set_student_fault(const std::string &ssid, std::optional<fault_spec> fault);
  void set_token_fault(std::optional<fault_spec> fault);
  // Restarts every fault's `times` count, so tests can reuse the same fixture SSIDs.
  void rearm_faults();

 private:
  const fixture fixture_;
  const server_settings settings_;
  request_counters counters_;
  link_store links_;
  token_store tokens_;

  mutable std::mutex mutex_;  // guards the members below
  std::map<std::string, bool> superseded_;
  std::map<std::string, fault_slot> student_faults_;
  fault_slot token_fault_;
};

}  // namespace ssrlink::fake_ets
