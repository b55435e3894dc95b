#include "documents.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include "text_util.hpp"

namespace ssrlink::fake_ets {
namespace {

// PDF literal strings: escape the delimiters and keep to printable ASCII, since the standard
// Helvetica font has no glyphs for anything else.
std::string pdf_string(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte >= 0x20 && byte < 0x7f) {
      out.push_back(c);
    } else {
      out.push_back('?');
    }
  }
  return out;
}

bool is_video(std::string_view format) {
  return format.size() == 5 && std::toupper(static_cast<unsigned char>(format[0])) == 'V' &&
         std::toupper(static_cast<unsigned char>(format[1])) == 'I' &&
         std::toupper(static_cast<unsigned char>(format[2])) == 'D' &&
         std::toupper(static_cast<unsigned char>(format[3])) == 'E' &&
         std::toupper(static_cast<unsigned char>(format[4])) == 'O';
}

std::vector<std::string> describe(const document_facts &facts) {
  return {
      is_video(facts.format) ? "Student Score Report video (fake ETS test document)"
                             : "Student Score Report (fake ETS test document)",
      "SSID: " + facts.ssid,
      "Test: " + facts.report_type + " - " + facts.report_name,
      "Administration year: " + facts.administration_year + "  Grade: " + facts.grade,
      "Subject: " + facts.subject + "  Language: " + facts.language,
      "Status: " + facts.status,
  };
}

bool is_pdf(std::string_view format) {
  return format.size() == 3 && std::toupper(static_cast<unsigned char>(format[0])) == 'P' &&
         std::toupper(static_cast<unsigned char>(format[1])) == 'D' &&
         std::toupper(static_cast<unsigned char>(format[2])) == 'F';
}

}  // namespace

std::string make_pdf(const std::vector<std::string> &lines) {
  std::string content = "BT /F1 12 Tf 72 720 Td 16 TL\n";
  for (const auto &line : lines) {
    content.append("(").append(pdf_string(line)).append(") Tj T*\n");
  }
  content += "ET\n";

  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      // One object written on two lines: the literals are joined on purpose.
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma)
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
      "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

rendered_document render_document(const document_facts &facts) {
  const auto lines = describe(facts);
  if (is_pdf(facts.format)) {
    return {"application/pdf", make_pdf(lines)};
  }
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                     html_escape(lines[0]) + "</title></head><body>\n<h1>" + html_escape(lines[0]) +
                     "</h1>\n";
  // A video SSR is watched in ETS's player page; the stand-in is that page with its transcript
  // (no media file: the tests and the demo check the link, the page and its facts).
  if (is_video(facts.format)) {
    html += "<section class=\"player\" aria-label=\"Video player\"><h2>Transcript</h2>\n";
  }
  html += "<ul>\n";
  for (std::size_t i = 1; i < lines.size(); ++i) {
    html += "<li>" + html_escape(lines[i]) + "</li>\n";
  }
  html += "</ul>\n";
  if (is_video(facts.format)) {
    html += "</section>\n";
  }
  html += "</body></html>\n";
  return {"text/html; charset=utf-8", std::move(html)};
}

}  // namespace ssrlink::fake_ets
