// Fuzzes the probe's reading of an answer (wire_probe.hpp): any status, any body, for both steps.
// Beyond not crashing, every text it returns must be clean and bounded, and no value of a body
// may come back: the seed corpus plants "fuzz secret.value" as values, a header and a member name
// (one with a space and a dot, which no shown name has), and the checks look for it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ets/wire_probe.hpp"
#include "fuzz_checks.hpp"

namespace {

using namespace ssrlink;

// Printable ASCII or UTF-8 without control characters, and never the planted value.
void check_report_text(const std::string &text) {
  ets::fuzz::require(text.size() < 4096);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    ets::fuzz::require(u >= 0x20 && u != 0x7f);
  }
  ets::fuzz::require(text.find("fuzz secret.value") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) {
    return 0;
  }
  // The first byte picks the step and the HTTP status.
  static constexpr int statuses[] = {200, 200, 200, 401, 404, 500, 503};
  const int status = statuses[(data[0] >> 1) % (sizeof statuses / sizeof statuses[0])];
  const auto kind =
      (data[0] & 1) != 0 ? ets::wire::probe_step_kind::token : ets::wire::probe_step_kind::reports;
  const ets::wire::raw_answer answer{
      status,
      {{"Content-Type", "application/json"}, {"Set-Cookie", "fuzz secret.value"}},
      std::string(reinterpret_cast<const char *>(data + 1), size - 1)};
  const core::time_point now{std::chrono::milliseconds{1558372500000}};
  const core::ets_probe_step step = ets::wire::analyse_answer(
      ets::wire::default_profile(), kind, "GET /api/v1/scorereports", answer, "1234567890", now);
  ets::fuzz::require(step.shape.size() <= 201);
  for (const auto *list : {&step.shape, &step.found, &step.missing, &step.unknown}) {
    for (const auto &line : *list) {
      check_report_text(line);
    }
  }
  for (const auto &header : step.headers) {
    check_report_text(header.name);
    check_report_text(header.value);
  }
  check_report_text(step.first_mismatch);
  check_report_text(step.verdict);
  return 0;
}
