#include "notice_plan.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "../text/ascii.hpp"
#include "notice_template.hpp"

namespace ssrlink::core {

namespace {

// The longest address SMTP allows (64-byte local part, '@', 255-byte domain).
constexpr std::size_t max_email_bytes = 320;

// Rule 4: whether the portal will show this guardian the report.
notice_kind kind_for(const sweep_student &student, const contact_facts &contact) {
  return student.do_not_release || student.hide_contact || contact.hide_contact
             ? notice_kind::contact_school
             : notice_kind::portal;
}

// The white space a CHAR column pads with, or a paste leaves around an address.
bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

}  // namespace

contact_notice notice_for(const sweep_student &student, const listed_report &report,
                          const contact_facts &contact) {
  if (!contact.educational_rights) {
    return {contact_verdict::no_rights, {}};  // rule 2
  }
  const std::string_view email = trimmed_email(contact.email);
  if (!usable_email(email)) {
    return {contact_verdict::no_usable_email, {}};  // rule 3
  }
  const notice_facts facts{report.test, report.year, student.school_name,
                           kind_for(student, contact)};
  notice_text text = compose_notice(contact.language, facts);
  return {contact_verdict::notice,  // rule 4
          {contact.sequence, std::string(email), std::move(text.language), std::move(text.subject),
           std::move(text.body_text), std::move(text.body_html), report.key}};
}

report_write plan_notices(const sweep_student &student, detected_report change,
                          const std::vector<contact_facts> &contacts) {
  report_write write;
  write.change = std::move(change);
  if (!write.change.notify) {
    return write;  // rule 1: notice_state::none
  }
  std::size_t with_rights = 0;
  std::size_t reached = 0;          // rules 4 and 5
  std::set<std::string> mailboxes;  // rule 5: the mailbox keys told so far
  for (const contact_facts &contact : contacts) {
    contact_notice notice = notice_for(student, write.change.report, contact);
    if (notice.verdict == contact_verdict::no_rights) {
      continue;  // rule 2
    }
    ++with_rights;
    if (notice.verdict != contact_verdict::notice) {
      continue;  // rule 3
    }
    ++reached;
    if (mailboxes.insert(mailbox_key(notice.row.recipient)).second) {
      write.notices.push_back(std::move(notice.row));
    }
  }
  write.missing_email = with_rights - reached;
  // Rule 6.
  if (write.notices.empty()) {
    write.notice = notice_state::no_email;
  } else if (write.missing_email == 0) {
    write.notice = notice_state::queued;
  } else {
    write.notice = notice_state::partial;
  }
  return write;
}

std::string_view trimmed_email(std::string_view email) {
  while (!email.empty() && ascii_space(email.front())) {
    email.remove_prefix(1);
  }
  while (!email.empty() && ascii_space(email.back())) {
    email.remove_suffix(1);
  }
  return email;
}

std::string mailbox_key(std::string_view email) {
  return ascii_lower(trimmed_email(email));
}

bool usable_email(std::string_view email) {
  if (email.empty() || email.size() > max_email_bytes) {
    return false;
  }
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return std::none_of(email.begin(), email.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';';
  });
}

}  // namespace ssrlink::core
