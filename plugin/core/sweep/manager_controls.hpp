// The Manager's controls (manager_html.hpp): the GET filter form and the paging links that bring
// staff back to the same page with other rows, and the hidden inputs every form of the fragment
// carries. Split from the table so each file holds one side of the fragment.
//
// Rules (in this order):
//  1. Every form carries every "hidden" field of the request (the host's route, its token), in
//     the request's order, escaped.
//  2. The filter form is GET without an action, so it comes back to the page it is on; it
//     carries the limit, not the offset (a new filter starts at the first row), and one field
//     per filter, each inside its own <label>, holding the request's value whole.
//  3. The paging <nav> appears only when there is a page before (offset > 0) or after (more);
//     its links are "?" + the "hidden" fields, the filters given, offset and limit, each name and
//     value percent-encoded, the whole escaped. Previous never goes below offset 0.
#pragma once

#include <string>
#include <string_view>

#include "manager_html.hpp"

namespace ssrlink::core {

// <input type="hidden" name=".." value=".."> with both escaped.
void append_hidden_input(std::string &html, std::string_view name, std::string_view value);
// Rule 1.
void append_host_fields(std::string &html, const manager_form &form);
// Whether the request gave any filter (school, tag, leave_before, not_viewed, no_email).
bool filters_given(const log_filter &filter);
// Rule 2.
void append_filter_form(std::string &html, const manager_view &view);
// Rule 3.
void append_paging(std::string &html, const manager_view &view);

}  // namespace ssrlink::core
