#include "page_instructions.hpp"

#include <algorithm>
#include <string_view>

#include "../render/text_safety.hpp"

namespace ssrlink::core {
namespace {

static_assert(max_instructions_bytes >= 4 * max_instruction_chars,
              "the page's bound must hold every text the settings accept");

// Rule 5: a text with nothing to read counts as none.
bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// `key` is `tag` ("en", "es") in any case.
bool same_tag(std::string_view key, std::string_view tag) {
  return key.size() == tag.size() &&
         std::equal(key.begin(), key.end(), tag.begin(), [](char k, char t) {
           return (k >= 'A' && k <= 'Z' ? static_cast<char>(k - 'A' + 'a') : k) == t;
         });
}

// The district's text under `tag` (any case), or null when there is none worth showing.
const std::string *written_in(const district_settings &settings, std::string_view tag) {
  for (const auto &[key, text] : settings.parent_instructions) {
    if (same_tag(key, tag) && !blank(text)) {
      return &text;
    }
  }
  return nullptr;
}

}  // namespace

bool instructions_apply(viewer_role role, page_outcome outcome) {
  if (role != viewer_role::parent && role != viewer_role::student) {
    return false;  // rule 1
  }
  return outcome != page_outcome::denied && outcome != page_outcome::not_found;  // rule 2
}

std::optional<page_instructions> instructions_for(const district_settings &settings,
                                                  ui_language language) {
  ui_language written = language;
  const std::string *text = written_in(settings, language_tag(language));  // rule 3
  if (text == nullptr && language != ui_language::en) {
    written = ui_language::en;
    text = written_in(settings, language_tag(ui_language::en));  // rule 4
  }
  if (text == nullptr) {
    return std::nullopt;  // rule 5
  }
  return page_instructions{clipped_text(*text, max_instructions_bytes), written};  // rule 6
}

}  // namespace ssrlink::core
