#include "school_year.hpp"

#include <chrono>
#include <cstdio>

namespace ssrlink::core {

namespace {

std::string year_span(int first) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", first, (first + 1) % 100);
  return text;
}

int first_year_of(day_point day) {
  const std::chrono::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  return ymd.month() >= std::chrono::July ? year : year - 1;
}

}  // namespace

std::string administration_year(day_point day) {
  return year_span(first_year_of(day));
}

bool is_administration_year(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') {
    return false;
  }
  int first = 0;
  int second = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4) {
      continue;
    }
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    int &part = i < 4 ? first : second;
    part = part * 10 + (text[i] - '0');
  }
  return second == (first + 1) % 100;
}

std::vector<std::string> notifying_years(day_point today, bool include_previous_year) {
  const int first = first_year_of(today);
  std::vector<std::string> years{year_span(first)};
  if (include_previous_year) {
    years.push_back(year_span(first - 1));
  }
  return years;
}

}  // namespace ssrlink::core
