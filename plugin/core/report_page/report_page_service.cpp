#include "report_page_service.hpp"

#include <exception>
#include <string>
#include <utility>

#include "../audit/call_key.hpp"
#include "../error.hpp"
#include "../render/text_safety.hpp"
#include "page_instructions.hpp"
#include "page_json.hpp"
#include "parallel_each.hpp"

namespace ssrlink::core {
namespace {

// Rule 3: with a transaction scope, the cold page writes the shared entry with its audit row.
link_cache_options with_sharing(const report_page_dependencies &deps) {
  link_cache_options options = deps.cache_options;
  options.share_later = deps.transactions != nullptr;
  return options;
}

}  // namespace

report_page_service::report_page_service(report_page_dependencies deps)
    : deps_(std::move(deps)),
      allow_list_(deps_.link_hosts),
      cache_(deps_.shared_cache, deps_.clock, deps_.log, with_sharing(deps_)),
      // Four preparations (two pages, two languages) per entry of the link cache at most.
      prepared_(4 * deps_.cache_options.front_capacity),
      answerer_({.students = deps_.students,
                 .credentials = deps_.credentials,
                 .ets = deps_.ets,
                 .cache = cache_,
                 .prepared = prepared_,
                 .allow_list = allow_list_,
                 .log = deps_.log}) {}

bool report_page_service::offered_to_parent(const page_request &request, const page_answer &page) {
  return request.who.role == viewer_role::parent && page.contact_sequence &&
         page.outcome == page_outcome::reports && page.shown;
}

void report_page_service::write_offered(const page_request &request, const page_answer &page) {
  deps_.offered.record_offered(request.student_id, *page.contact_sequence, page.shown->report_keys,
                               deps_.clock.now());
}

void report_page_service::record_offered(const page_request &request, const page_answer &page) {
  if (!offered_to_parent(request, page)) {
    return;
  }
  try {
    write_offered(request, page);
  } catch (const std::exception &error) {
    // The parent still gets the page; staff lose only the "viewed" mark.
    deps_.log.log(log_level::warning, "Could not record that a parent was offered score reports: " +
                                          std::string(error.what()));
  }
}

std::optional<page_instructions> report_page_service::instructions_on(const page_request &request,
                                                                      const page_answer &page) {
  if (!deps_.settings || !instructions_apply(request.who.role, page.outcome)) {
    return std::nullopt;
  }
  try {
    return instructions_for(deps_.settings(), request.language);
  } catch (const std::exception &error) {
    // The page never fails for want of its instructions.
    deps_.log.log(log_level::warning,
                  "The district's instructions could not be read, so the page shows none: " +
                      std::string(error.what()));
    return std::nullopt;
  }
}

audit_entry report_page_service::audit_row_for(const page_request &request) const {
  audit_entry entry;
  entry.at = deps_.clock.now();
  entry.action = "reports";
  entry.call_key = new_call_key();
  entry.role = std::string(role_name(request.who.role));
  entry.user_id = request.who.user_id;
  entry.student_id = request.student_id;  // 0 on the family page's own rows
  entry.page = std::string(page_name(request.page));
  entry.offered = "[]";
  return entry;
}

void report_page_service::record_failure_row(const audit_entry &entry) {
  try {
    deps_.audit.record(entry);
  } catch (const std::exception &audit_error) {
    deps_.log.log(log_level::error,
                  "The audit row for a failed score report request could not be written: " +
                      std::string(audit_error.what()));
  }
}

void report_page_service::record_shown(const page_request &request, const audit_entry &entry,
                                       const page_answer &page) {
  const bool offered = offered_to_parent(request, page);
  if (deps_.transactions != nullptr && (page.to_share || offered)) {
    try {
      deps_.transactions->together([&] {  // rules 3 and 4: one commit
        deps_.audit.record(entry);
        if (page.to_share) {
          cache_.share(*page.to_share);
        }
        if (offered) {
          write_offered(request, page);
        }
      });
      return;
    } catch (const std::exception &error) {
      // The row is idempotent per call key, so writing it again cannot make two.
      deps_.log.log(log_level::warning,
                    "The audit row and what goes with it (new report links for the shared link "
                    "cache, the reports offered to a parent) could not be written together; "
                    "writing the audit row alone: " +
                        std::string(error.what()));
    }
  }
  record_shown_row(entry);
  record_offered(request, page);
}

void report_page_service::record_shown_row(const audit_entry &entry) {
  try {
    deps_.audit.record(entry);
  } catch (const std::exception &audit_error) {
    deps_.log.log(log_level::error,
                  "The audit row could not be written, so no score reports were shown: " +
                      std::string(audit_error.what()));
    const auto *known = dynamic_cast<const failure *>(&audit_error);
    throw failure(status::database,
                  "The score reports cannot be shown right now because the access record could "
                  "not be written; please try again later.",
                  known != nullptr ? known->detail() : std::string());
  }
}

page_answer report_page_service::serve_one(const page_request &request) {
  audit_entry entry = audit_row_for(request);
  page_answer page;
  try {
    page = answerer_.answer(request);
  } catch (const std::exception &) {
    entry.outcome = "error";  // rule 3: failures are audited too
    record_failure_row(entry);
    throw;
  }

  entry.outcome = std::string(to_string(page.outcome));
  entry.reason = page.reason ? std::string(to_string(*page.reason)) : std::string();
  entry.contact_sequence = page.contact_sequence;
  if (page.shown) {
    entry.offered = page.shown->offered_json;
  }
  record_shown(request, entry, page);  // rules 3 and 4
  return page;
}

call_result report_page_service::serve_family(const page_request &request) {
  audit_entry entry = audit_row_for(request);
  if (!request.who.permitted) {  // rule 6
    deps_.log.log(log_level::info, "Denied the family page to parent \"" +
                                       clipped_text(request.who.user_id, 64) + "\" (" +
                                       std::string(to_string(access_reason::no_permission)) + ").");
    entry.outcome = std::string(to_string(page_outcome::denied));
    entry.reason = std::string(to_string(access_reason::no_permission));
    record_shown_row(entry);
    return {status::ok, family_refusal_json(request)};
  }

  std::vector<linked_student> children;
  try {
    children = deps_.students.linked_students(request.who.user_id);  // rule 7
  } catch (const std::exception &) {
    entry.outcome = "error";
    record_failure_row(entry);
    throw;
  }
  if (children.empty()) {  // rule 8
    entry.outcome = "family";
    record_shown_row(entry);
    return {status::ok, family_result_json({}, std::nullopt, request)};
  }

  std::vector<family_member> members(children.size());
  const auto errors = parallel_each(children.size(), max_family_parallel, [&](std::size_t i) {
    page_request one = request;  // rule 9: the single page, for this child
    one.family = false;
    one.student_id = children[i].student_id;
    members[i].page = serve_one(one);
  });
  for (const auto &error : errors) {  // rule 10
    if (error) {
      std::rethrow_exception(error);
    }
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    members[i].student = std::move(children[i]);
  }

  std::optional<page_instructions> instructions;  // rule 11
  for (const auto &member : members) {
    if (instructions_apply(request.who.role, member.page.outcome)) {
      instructions = instructions_on(request, member.page);
      break;
    }
  }
  return {status::ok, family_result_json(members, instructions, request)};
}

call_result report_page_service::handle(std::string_view request_json) {
  const page_request request = parse_page_request(request_json);  // rule 1
  if (request.family) {
    return serve_family(request);
  }
  page_answer page = serve_one(request);
  page.instructions = instructions_on(request, page);  // rule 5
  return {status::ok, page_result_json(page, request)};
}

}  // namespace ssrlink::core
