// Fuzzes the score report parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ets/wire.hpp"
#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace ssrlink::ets;
  const std::string_view body(reinterpret_cast<const char *>(data), size);
  const ssrlink::core::time_point now{std::chrono::milliseconds{1558372500000}};
  const auto r = wire::parse_reports_response(wire::default_profile(), body, "1234567890", now);
  if (const auto *page = std::get_if<wire::reports_page>(&r)) {
    fuzz::require(!page->reports.empty());
    fuzz::require(page->reports.size() <= wire::max_report_items);
    for (const auto &link : page->reports) {
      fuzz::require(!link.url.empty() && !link.format.empty() && !link.language.empty() &&
                    !link.test.empty() && !link.year.empty());
    }
    // Every item is accounted for exactly once, and the summary is a clean, bounded line.
    const wire::item_counts &c = page->counts;
    fuzz::require(c.kept == page->reports.size());
    fuzz::require(c.kept + c.not_an_object + c.missing_field + c.beyond_cap == c.received);
    fuzz::check_log_text(wire::describe(wire::default_profile(), c));
    fuzz::require(wire::describe(wire::default_profile(), c).find("://") == std::string::npos);
  } else {
    fuzz::check_failure(std::get<ssrlink::core::ets_failure>(r));
  }
  return 0;
}
