#include "notice_template.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "../catalogue/report_catalogue.hpp"
#include "../render/text_safety.hpp"
#include "../text/utf8.hpp"
#include "school_year.hpp"

namespace ssrlink::core {

namespace {

struct phrasebook {
  std::string_view language;
  std::string_view subject;
  std::string_view greeting;
  std::string_view intro;
  std::string_view school_label;
  std::string_view portal;
  std::string_view contact_school;
  std::string_view no_links;
  std::string_view unknown_test;  // stands in for a test the catalogue does not know
};

// The portal path stays in English in every language: it is the label parents see on screen.
constexpr std::array<phrasebook, 6> books{{
    {"en", "A new state test score report is available", "Hello,",
     "A new California state test score report is available for your student:", "School",
     "To see it, sign in to the parent portal and open Test Scores > State Test Scores Reports.",
     "This report cannot be shown in the parent portal. To receive a copy, please contact the "
     "school.",
     "For your security, this message contains no links.", "A new state test score report"},
    {"es", "Hay un nuevo informe de resultados de las pruebas estatales", "Hola:",
     "Ya está disponible un nuevo informe de resultados de las pruebas estatales de California "
     "para su estudiante:",
     "Escuela",
     "Para verlo, inicie sesión en el portal para padres y abra Test Scores > State Test Scores "
     "Reports.",
     "Este informe no se puede mostrar en el portal para padres. Para recibir una copia, "
     "comuníquese con la escuela.",
     "Por su seguridad, este mensaje no contiene enlaces.",
     "Un nuevo informe de resultados de las pruebas estatales"},
    {"vi", "Đã có báo cáo điểm kiểm tra mới của tiểu bang", "Xin chào,",
     "Đã có báo cáo điểm kiểm tra mới của tiểu bang California cho học sinh của quý vị:", "Trường",
     "Để xem báo cáo, hãy đăng nhập vào cổng thông tin phụ huynh và mở Test Scores > State "
     "Test Scores Reports.",
     "Không thể xem báo cáo này trên cổng thông tin phụ huynh. Để nhận bản sao, vui lòng liên "
     "hệ với nhà trường.",
     "Vì sự an toàn của quý vị, thư này không chứa liên kết nào.",
     "Một báo cáo điểm kiểm tra mới của tiểu bang"},
    {"zh-Hant", "新的州測驗成績報告已可查閱", "您好：", "您的學生有一份新的加州州測驗成績報告：",
     "學校", "請登入家長入口網站，開啟 Test Scores > State Test Scores Reports 查看。",
     "此報告無法在家長入口網站中顯示。如需取得副本，請與學校聯絡。",
     "為了您的安全，本郵件不含任何連結。", "一份新的州測驗成績報告"},
    {"fil", "May bagong ulat ng iskor sa pagsusulit ng estado", "Kumusta,",
     "May bagong ulat ng iskor sa pagsusulit ng estado ng California para sa inyong estudyante:",
     "Paaralan",
     "Para makita ito, mag-sign in sa parent portal at buksan ang Test Scores > State Test "
     "Scores Reports.",
     "Hindi maipapakita ang ulat na ito sa parent portal. Para makakuha ng kopya, makipag-ugnayan "
     "sa paaralan.",
     "Para sa inyong seguridad, walang link ang mensaheng ito.",
     "Isang bagong ulat ng iskor sa pagsusulit ng estado"},
    {"ko", "새 주 시험 성적표가 준비되었습니다", "안녕하세요.",
     "자녀의 새 캘리포니아 주 시험 성적표가 준비되었습니다:", "학교",
     "성적표를 보려면 학부모 포털에 로그인한 후 Test Scores > State Test Scores Reports를 "
     "여십시오.",
     "이 성적표는 학부모 포털에서 볼 수 없습니다. 사본을 받으시려면 학교에 문의하십시오.",
     "보안을 위해 이 메시지에는 링크가 없습니다.", "새 주 시험 성적표"},
}};

const phrasebook &book_for(std::string_view language) {
  for (const phrasebook &book : books) {
    if (book.language == language) {
      return book;
    }
  }
  return books[0];
}

// Rule 2: the catalogue's name, or the phrasebook's. The catalogue names tests in English and
// Spanish; other languages keep the English name, which is how the tests are known on the
// state's own pages.
std::string test_line(const notice_facts &facts, std::string_view language,
                      const phrasebook &book) {
  const std::optional<std::string> name =
      known_test_name(facts.test, language == "es" ? ui_language::es : ui_language::en);
  std::string line = name ? *name : std::string(book.unknown_test);
  // Rule 3.
  if (is_administration_year(facts.year)) {
    line += " (" + facts.year + ")";
  }
  return line;
}

// Rule 4: one line of plain words, at most notice_field_max_bytes (plus "…").
std::string clean_field(std::string_view raw) {
  // ASCII controls first: valid_utf8 would turn most of them into U+FFFD, and they are breaks
  // between words, not damage. No byte below 0x80 is part of a multi-byte sequence.
  std::string spaced(raw);
  for (char &c : spaced) {
    if (static_cast<std::uint8_t>(c) < 0x20 || c == 0x7F) {
      c = ' ';
    }
  }
  const std::string text = valid_utf8(spaced);
  std::string out;
  bool pending_space = false;
  std::size_t i = 0;
  // Stop once the value is certainly longer than the bound: the rest would only be cut off.
  while (i < text.size() && out.size() <= notice_field_max_bytes) {
    // valid_utf8 made the text valid, so every sequence has a length.
    const std::size_t n = utf8_sequence_length(text, i);
    const std::string_view cp(text.data() + i, n);
    const bool breaks = cp == " " || is_line_control(utf8_code_point(text, i, n));
    i += n;
    if (breaks) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out.append(cp);
  }
  if (out.size() <= notice_field_max_bytes && i >= text.size()) {
    return out;
  }
  // Back to the start of a code point, then off any space.
  std::size_t cut = utf8_cut(out, notice_field_max_bytes);
  while (cut > 0 && out[cut - 1] == ' ') {
    --cut;
  }
  out.resize(cut);
  out += "\xE2\x80\xA6";  // …
  return out;
}

std::string paragraph(std::string_view text) {
  return "<p>" + html_escape(text) + "</p>\n";
}

}  // namespace

std::string notice_language(std::string_view calpads_code) {
  if (calpads_code == "01") {
    return "es";
  }
  if (calpads_code == "02") {
    return "vi";
  }
  if (calpads_code == "03" || calpads_code == "07") {
    return "zh-Hant";
  }
  if (calpads_code == "04") {
    return "ko";
  }
  if (calpads_code == "05") {
    return "fil";
  }
  return "en";
}

notice_text compose_notice(std::string_view calpads_code, const notice_facts &facts) {
  notice_text out;
  out.language = notice_language(calpads_code);
  const phrasebook &book = book_for(out.language);
  const std::string test = test_line(facts, out.language, book);
  const std::string action(facts.kind == notice_kind::portal ? book.portal : book.contact_school);
  const std::string school_name = clean_field(facts.school_name);
  const std::string school =
      school_name.empty() ? std::string() : std::string(book.school_label) + ": " + school_name;

  out.subject = std::string(book.subject);
  out.body_text =
      std::string(book.greeting) + "\n\n" + std::string(book.intro) + "\n" + test + "\n";
  if (!school.empty()) {
    out.body_text += school + "\n";
  }
  out.body_text += "\n" + action + "\n\n" + std::string(book.no_links) + "\n";

  out.body_html = "<!DOCTYPE html>\n<html lang=\"" + html_escape(out.language) +
                  "\"><head><meta charset=\"utf-8\"><title>" + html_escape(out.subject) +
                  "</title></head><body>\n" + paragraph(book.greeting) + "<p>" +
                  html_escape(book.intro) + "<br>\n<strong>" + html_escape(test) + "</strong>";
  if (!school.empty()) {
    out.body_html += "<br>\n" + html_escape(school);
  }
  out.body_html += "</p>\n" + paragraph(action) + paragraph(book.no_links) + "</body></html>\n";
  return out;
}

}  // namespace ssrlink::core
