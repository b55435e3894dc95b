#include "sql_script.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "odbc/connection.hpp"

namespace ssrlink::odbc::testing {

std::vector<std::string> split_sql(const std::string &text) {
  std::vector<std::string> out;
  std::string current;
  std::size_t i = 0;
  const auto flush = [&] {
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) {
      out.push_back(current);
    }
    current.clear();
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') {
        ++i;
      }
      continue;
    }
    if (c == '\'') {
      const std::size_t end = text.find('\'', i + 1);  // '' inside is two adjacent strings
      const std::size_t stop = end == std::string::npos ? text.size() : end + 1;
      current.append(text, i, stop - i);
      i = stop;
      continue;
    }
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      const std::size_t end = text.find("$$", i + 2);
      const std::size_t stop = end == std::string::npos ? text.size() : end + 2;
      current.append(text, i, stop - i);
      i = stop;
      continue;
    }
    if (c == ';') {
      flush();
      ++i;
      continue;
    }
    current += c;
    ++i;
  }
  flush();
  return out;
}

void run_sql_file(const std::string &connection_string, const std::filesystem::path &file) {
  std::ifstream in(file);
  if (!in) {
    throw std::runtime_error("cannot read " + file.string());
  }
  std::stringstream text;
  text << in.rdbuf();
  auto env = std::make_shared<environment>();
  connection c(env, connection_string, {}, nullptr);
  for (const std::string &sql : split_sql(text.str())) {
    statement s(c, sql);
    s.execute({});
  }
}

}  // namespace ssrlink::odbc::testing
