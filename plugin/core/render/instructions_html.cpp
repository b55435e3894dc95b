#include "instructions_html.hpp"

#include <string_view>
#include <vector>

#include "text_safety.hpp"

namespace ssrlink::core {
namespace {

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Rule 2: the lines of `text`, split at LF, CR LF and a lone CR.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      start = i + 1;
    }
  }
  lines.push_back(text.substr(start));
  return lines;
}

}  // namespace

std::string instructions_html(const page_instructions &instructions) {
  const std::string clean = clipped_text(instructions.text, max_instructions_bytes);  // rule 1
  std::string paragraphs;
  bool open = false;  // inside a <p>
  for (const std::string_view line : lines_of(clean)) {
    if (blank(line)) {  // rule 3
      if (open) {
        paragraphs += "</p>";
        open = false;
      }
      continue;
    }
    paragraphs += open ? "<br>" : "<p>";  // rule 4
    paragraphs += html_escape(line);      // rule 5
    open = true;
  }
  if (open) {
    paragraphs += "</p>";
  }
  if (paragraphs.empty()) {  // rule 6
    return {};
  }
  std::string html = "<div class=\"ssrlink-instructions\" lang=\"";
  html += language_tag(instructions.language);
  html += "\">";
  html += paragraphs;
  html += "</div>";
  return html;
}

}  // namespace ssrlink::core
