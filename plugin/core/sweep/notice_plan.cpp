#include "notice_plan.hpp"

#include <algorithm>
#include <utility>

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

}  // namespace

contact_notice notice_for(const sweep_student &student, const listed_report &report,
                          const contact_facts &contact) {
  if (!contact.educational_rights) {
    return {contact_verdict::no_rights, {}};
  }
  if (!usable_email(contact.email)) {
    return {contact_verdict::no_usable_email, {}};
  }
  const notice_facts facts{report.test, report.year, student.school_name,
                           kind_for(student, contact)};
  notice_text text = compose_notice(contact.language, facts);
  return {contact_verdict::notice,
          {contact.sequence, contact.email, std::move(text.language), std::move(text.subject),
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
  for (const contact_facts &contact : contacts) {
    contact_notice notice = notice_for(student, write.change.report, contact);
    if (notice.verdict == contact_verdict::no_rights) {
      continue;
    }
    ++with_rights;
    if (notice.verdict == contact_verdict::notice) {
      write.notices.push_back(std::move(notice.row));
    }
  }
  write.missing_email = with_rights - write.notices.size();
  if (write.notices.empty()) {
    write.notice = notice_state::no_email;
  } else if (write.missing_email == 0) {
    write.notice = notice_state::queued;
  } else {
    write.notice = notice_state::partial;
  }
  return write;
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
