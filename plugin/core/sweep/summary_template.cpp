#include "summary_template.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "../render/text_safety.hpp"
#include "../time.hpp"

namespace ssrlink::core {

namespace {

struct summary_words {
  std::string_view language;
  std::string_view title;
  std::string_view district;
  std::string_view school;
  std::string_view students_checked;
  std::string_view new_reports;
  std::string_view notices_queued;
  std::string_view no_email;
  std::string_view no_ssid;
  std::string_view duplicate_students;
  std::string_view duplicate_contacts;
  std::string_view errors;
  std::string_view none;
  std::string_view follow_up;
  std::string_view no_links;
};

constexpr std::array<summary_words, 2> books{{
    {"en", "State test score sweep summary", "the district", "school", "Students checked",
     "New reports", "Notices queued for guardians",
     "Guardians with no usable email (follow up another way)", "Students without an SSID",
     "Students skipped: the views list them more than once",
     "Students whose contacts the views list more than once", "Errors, by kind", "none",
     "The notification list, filtered on \"no email\", names the guardians to follow up.",
     "This message contains no links."},
    {"es", "Resumen de la revisión de pruebas estatales", "el distrito", "escuela",
     "Estudiantes revisados", "Informes nuevos", "Avisos en cola para los tutores",
     "Tutores sin correo electrónico utilizable (comuníquese por otro medio)",
     "Estudiantes sin SSID", "Estudiantes omitidos: las vistas los listan más de una vez",
     "Estudiantes cuyos contactos las vistas listan más de una vez", "Errores, por tipo", "ninguno",
     "La lista de notificaciones, filtrada por \"sin correo\", nombra a los tutores con quienes "
     "comunicarse.",
     "Este mensaje no contiene enlaces."},
}};

// Rule 2.
std::string scope_name(std::string_view scope, const summary_words &words) {
  if (scope == "district") {
    return std::string(words.district);
  }
  std::string name(words.school);
  name += ' ';
  for (const char c : scope.substr(0, 16)) {
    const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '-' || c == '.';
    name += plain ? c : '?';
  }
  return name;
}

// Rule 3.
std::string day_shown(const std::string &day) {
  day_point parsed{};
  return parse_day(day, parsed) && format_day(parsed) == day ? day : std::string();
}

// Rule 4: the error lines, a name that is not one of ours counted under "other".
std::map<std::string, std::int64_t> error_lines(const std::map<std::string, std::int64_t> &errors) {
  std::map<std::string, std::int64_t> out;
  for (const auto &[kind, count] : errors) {
    const bool ours = !kind.empty() && kind.size() <= 32 &&
                      kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
    out[ours ? kind : "other"] += count;
  }
  return out;
}

// Text built by appending pieces: GCC 12 at -O3 misreports `"<p>" + std::string&&` as
// overlapping (-Wrestrict).
void append(std::string &to, std::initializer_list<std::string_view> pieces) {
  for (const std::string_view piece : pieces) {
    to.append(piece);
  }
}

// "State test score sweep summary: the district, 2026-11-23": the heading, and half the subject.
std::string heading_of(const summary_facts &facts, const summary_words &words) {
  const std::string day = day_shown(facts.day);
  std::string heading;
  append(heading, {words.title, ": ", scope_name(facts.scope, words)});
  if (!day.empty()) {
    append(heading, {", ", day});
  }
  return heading;
}

// One language's part: its heading, its count lines, and the closing lines.
struct part {
  std::string text;
  std::string html;
};

part compose_part(const summary_facts &facts, const summary_words &words) {
  const std::string heading = heading_of(facts, words);
  const sweep_counts &c = facts.counts;
  std::vector<std::pair<std::string_view, std::int64_t>> rows = {
      {words.students_checked, c.students_checked},
      {words.new_reports, c.new_reports},
      {words.notices_queued, c.notices_queued},
      {words.no_email, c.no_email},
      {words.no_ssid, c.no_ssid}};
  if (c.duplicate_students != 0) {
    rows.emplace_back(words.duplicate_students, c.duplicate_students);
  }
  if (c.duplicate_contacts != 0) {
    rows.emplace_back(words.duplicate_contacts, c.duplicate_contacts);
  }
  part out;
  append(out.text, {heading, "\n\n"});
  append(out.html, {"<section lang=\"", html_escape(words.language), "\">\n<h1>",
                    html_escape(heading), "</h1>\n<table>\n"});
  for (const auto &[label, count] : rows) {
    const std::string number = std::to_string(count);
    append(out.text, {label, ": ", number, "\n"});
    append(out.html, {"<tr><th scope=\"row\">", html_escape(label), "</th><td>",
                      html_escape(number), "</td></tr>\n"});
  }
  out.html += "</table>\n";
  const std::map<std::string, std::int64_t> errors = error_lines(c.errors);
  if (errors.empty()) {
    append(out.text, {words.errors, ": ", words.none, "\n"});
    append(out.html, {"<p>", html_escape(words.errors), ": ", html_escape(words.none), "</p>\n"});
  } else {
    append(out.text, {words.errors, ":\n"});
    append(out.html, {"<p>", html_escape(words.errors), ":</p>\n<ul>\n"});
    for (const auto &[kind, count] : errors) {
      const std::string number = std::to_string(count);
      append(out.text, {"  ", kind, ": ", number, "\n"});
      append(out.html, {"<li>", html_escape(kind), ": ", html_escape(number), "</li>\n"});
    }
    out.html += "</ul>\n";
  }
  append(out.text, {"\n", words.follow_up, "\n", words.no_links, "\n"});
  append(out.html, {"<p>", html_escape(words.follow_up), "</p>\n<p>", html_escape(words.no_links),
                    "</p>\n</section>\n"});
  return out;
}

}  // namespace

notice_text compose_summary(const summary_facts &facts) {
  const summary_words &en = books[0];
  const summary_words &es = books[1];
  const part english = compose_part(facts, en);
  const part spanish = compose_part(facts, es);
  notice_text out;
  out.language = std::string(en.language);
  append(out.subject, {heading_of(facts, en), " / ", heading_of(facts, es)});
  append(out.body_text,
         {english.text, "\n----------------------------------------\n\n", spanish.text});
  append(out.body_html,
         {"<!DOCTYPE html>\n<html lang=\"", html_escape(out.language),
          "\"><head><meta charset=\"utf-8\"><title>", html_escape(out.subject),
          "</title></head><body>\n", english.html, "<hr>\n", spanish.html, "</body></html>\n"});
  return out;
}

}  // namespace ssrlink::core
