#include "server_state.hpp"

#include <openssl/crypto.h>

namespace ssrlink::fake_ets {
namespace {

bool same_secret(const std::string &a, const std::string &b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

void request_counters::reset() {
  token_requests = 0;
  report_requests = 0;
  connections = 0;
  file_requests = 0;
  trailing_writes = 0;
}

server_state::server_state(fixture data, server_settings settings)
    : fixture_(std::move(data)), settings_(settings) {
  for (const auto &pair : fixture_.credentials) {
    superseded_[pair.username] = pair.superseded;
  }
  for (const auto &[ssid, entry] : fixture_.students) {
    if (entry.fault) {
      student_faults_.emplace(ssid, fault_slot(*entry.fault));
    }
  }
}

std::optional<std::string> server_state::login(const std::string &username,
                                               const std::string &secret_key) {
  {
    const std::lock_guard lock(mutex_);
    bool matched = false;
    for (const auto &pair : fixture_.credentials) {
      if (pair.username == username && same_secret(pair.secret_key, secret_key)) {
        matched = true;
      }
    }
    if (!matched || superseded_[username]) {
      return std::nullopt;
    }
  }
  return tokens_.issue(username, fixture_.token_lifetime);
}

bool server_state::set_superseded(const std::string &username, bool superseded) {
  {
    const std::lock_guard lock(mutex_);
    const auto found = superseded_.find(username);
    if (found == superseded_.end()) {
      return false;
    }
    found->second = superseded;
  }
  if (superseded) {
    tokens_.revoke_user(username);
  }
  return true;
}

const student *server_state::find_student(const std::string &ssid) const {
  const auto found = fixture_.students.find(ssid);
  return found == fixture_.students.end() ? nullptr : &found->second;
}

std::optional<fault_spec> server_state::take_student_fault(const std::string &ssid) {
  const std::lock_guard lock(mutex_);
  const auto found = student_faults_.find(ssid);
  if (found == student_faults_.end()) {
    return std::nullopt;
  }
  return found->second.take();
}

std::optional<fault_spec> server_state::take_token_fault() {
  const std::lock_guard lock(mutex_);
  return token_fault_.take();
}

void server_state::set_student_fault(const std::string &ssid, std::optional<fault_spec> fault) {
  const std::lock_guard lock(mutex_);
  if (fault) {
    student_faults_.insert_or_assign(ssid, fault_slot(std::move(*fault)));
  } else {
    student_faults_.erase(ssid);
  }
}

void server_state::set_token_fault(std::optional<fault_spec> fault) {
  const std::lock_guard lock(mutex_);
  token_fault_ = fault ? fault_slot(std::move(*fault)) : fault_slot();
}

void server_state::rearm_faults() {
  const std::lock_guard lock(mutex_);
  for (auto &[ssid, slot] : student_faults_) {
    slot.rearm();
  }
  token_fault_.rearm();
}

}  // namespace ssrlink::fake_ets
