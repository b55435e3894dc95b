// A core::student_directory in memory: students with contacts, parent-portal links and student
// portal accounts, answering as the ssrlink_* views do. find_binding lists the asking parent
// account's linked, non-deleted contacts of the student in ascending sequence; find_student fills
// `contact` only when the queried sequence is a contact of this student. Counters tell tests
// which reads happened (a denial must not read the flags). Fill the tables before the calls;
// reads are then thread-safe.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/ports/student_directory.hpp"

namespace ssrlink::testing {

class memory_student_directory final : public core::student_directory {
 public:
  std::map<std::int64_t, core::student_facts> students;
  std::map<std::int64_t, std::vector<core::contact_facts>> contacts;
  std::map<std::int64_t, std::string> portal_users;  // ssrlink_student.portal_user
  // ssrlink_portal_link: account → (student, contact sequence)
  std::multimap<std::string, std::pair<std::int64_t, int>> portal_links;
  // ssrlink_student.first_name, last_name by student_id (absent: both empty)
  std::map<std::int64_t, std::pair<std::string, std::string>> names;

  std::optional<core::student_binding> find_binding(const core::binding_query &query) override {
    ++binding_reads_;
    throw_if_failing();
    const auto student = students.find(query.student_id);
    if (student == students.end()) {
      return std::nullopt;
    }
    core::student_binding binding;
    binding.student_id = student->second.student_id;
    binding.school_code = student->second.school_code;
    if (query.kind == core::binding_kind::student_account) {
      if (const auto user = portal_users.find(query.student_id); user != portal_users.end()) {
        binding.portal_user = user->second;
      }
    }
    if (query.kind == core::binding_kind::parent_account) {
      binding.linked_contacts = linked_contacts(query.user_id, query.student_id);
    }
    return binding;
  }

  std::optional<core::student_facts> find_student(const core::student_query &query) override {
    ++fact_reads_;
    throw_if_failing();
    const auto student = students.find(query.student_id);
    if (student == students.end()) {
      return std::nullopt;
    }
    core::student_facts facts = student->second;
    facts.contact.reset();
    const auto own = contacts.find(query.student_id);
    if (query.contact_sequence && own != contacts.end()) {
      for (const auto &contact : own->second) {
        if (contact.sequence == *query.contact_sequence) {
          facts.contact = contact;
        }
      }
    }
    return facts;
  }

  std::vector<core::linked_student> linked_students(const std::string &user_id) override {
    ++binding_reads_;
    throw_if_failing();
    std::map<std::int64_t, core::linked_student> linked;  // ascending, once each
    const auto [first, last] = portal_links.equal_range(user_id);
    for (auto link = first; link != last; ++link) {
      const std::int64_t student_id = link->second.first;
      const auto own = contacts.find(student_id);
      if (students.count(student_id) == 0 || own == contacts.end()) {
        continue;
      }
      const bool contact_exists = std::any_of(
          own->second.begin(), own->second.end(),
          [&](const core::contact_facts &c) { return c.sequence == link->second.second; });
      if (!contact_exists) {
        continue;
      }
      core::linked_student student{student_id, {}, {}};
      if (const auto name = names.find(student_id); name != names.end()) {
        student.first_name = name->second.first;
        student.last_name = name->second.second;
      }
      linked.emplace(student_id, std::move(student));
    }
    std::vector<core::linked_student> out;
    for (auto &entry : linked) {
      out.push_back(std::move(entry.second));
    }
    return out;
  }

  // Reads so far: find_binding and linked_students (no flag), and find_student (the reads that see
  // flags).
  int binding_reads() const { return binding_reads_.load(); }
  int fact_reads() const { return fact_reads_.load(); }
  // From now on both reads throw failure(database), as a missing view does.
  void fail_every_read(bool failing = true) { failing_.store(failing); }

 private:
  void throw_if_failing() const {
    if (failing_.load()) {
      throw core::failure(core::status::database, "The view ssrlink_students could not be read.");
    }
  }

  std::vector<core::linked_contact> linked_contacts(const std::string &account,
                                                    std::int64_t student_id) const {
    std::vector<core::linked_contact> linked;
    const auto own = contacts.find(student_id);
    if (own == contacts.end()) {
      return linked;
    }
    const auto [first, last] = portal_links.equal_range(account);
    for (auto link = first; link != last; ++link) {
      if (link->second.first != student_id) {
        continue;
      }
      for (const auto &contact : own->second) {
        if (contact.sequence == link->second.second) {
          linked.push_back({contact.sequence, contact.educational_rights});
        }
      }
    }
    std::sort(linked.begin(), linked.end(),
              [](const core::linked_contact &a, const core::linked_contact &b) {
                return a.sequence < b.sequence;
              });
    return linked;
  }

  std::atomic<int> binding_reads_{0};
  std::atomic<int> fact_reads_{0};
  std::atomic<bool> failing_{false};
};

}  // namespace ssrlink::testing
