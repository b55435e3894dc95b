#include "time_zone.hpp"

#include <algorithm>
#include <string>

namespace ssrlink::core {

namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

// Big-endian reads that fail once instead of running past the end.
class byte_reader {
 public:
  explicit byte_reader(std::string_view bytes) : b_(bytes) {}

  bool ok() const { return ok_; }
  std::size_t left() const { return b_.size() - i_; }

  std::uint64_t unsigned_bytes(std::size_t n) {
    if (!ok_ || left() < n) {
      ok_ = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < n; ++k) {
      v = (v << 8) | static_cast<unsigned char>(b_[i_ + k]);
    }
    i_ += n;
    return v;
  }
  std::int64_t i64() { return static_cast<std::int64_t>(unsigned_bytes(8)); }
  std::int32_t i32() {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(unsigned_bytes(4)));
  }
  std::uint8_t u8() { return static_cast<std::uint8_t>(unsigned_bytes(1)); }
  std::string_view take(std::uint64_t n) {
    if (!ok_ || left() < n) {
      ok_ = false;
      return {};
    }
    const std::string_view out = b_.substr(i_, static_cast<std::size_t>(n));
    i_ += static_cast<std::size_t>(n);
    return out;
  }

 private:
  std::string_view b_;
  std::size_t i_ = 0;
  bool ok_ = true;
};

struct tzif_counts {
  std::uint64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

// Rule 1: "TZif", the version, 15 reserved bytes and the six counts.
bool read_header(byte_reader &in, char &version, tzif_counts &c) {
  if (in.take(4) != "TZif") {
    return false;
  }
  const std::string_view v = in.take(1);
  version = v.empty() ? '\0' : v[0];
  in.take(15);
  c.isut = in.unsigned_bytes(4);
  c.isstd = in.unsigned_bytes(4);
  c.leap = in.unsigned_bytes(4);
  c.time = in.unsigned_bytes(4);
  c.type = in.unsigned_bytes(4);
  c.chars = in.unsigned_bytes(4);
  return in.ok();
}

// The size of a data block whose transition times are `time_bytes` wide.
std::uint64_t block_bytes(const tzif_counts &c, std::uint64_t time_bytes) {
  return c.time * time_bytes + c.time + c.type * 6 + c.chars + c.leap * (time_bytes + 4) + c.isstd +
         c.isut;
}

}  // namespace

std::optional<time_zone> time_zone::from_tzif(std::string_view bytes) {
  byte_reader in(bytes);
  char version = '\0';
  tzif_counts v1;
  // Rule 1: the version 1 block is skipped whole.
  if (!read_header(in, version, v1) || version < '2' || in.left() < block_bytes(v1, 4)) {
    return std::nullopt;
  }
  in.take(block_bytes(v1, 4));
  tzif_counts c;
  char version2 = '\0';
  if (!read_header(in, version2, c) || c.type == 0 || c.type > 256 ||
      in.left() < block_bytes(c, 8)) {
    return std::nullopt;
  }
  // Rule 2.
  if (c.leap != 0) {
    return std::nullopt;
  }
  time_zone zone;
  zone.transitions_.reserve(static_cast<std::size_t>(c.time));
  for (std::uint64_t k = 0; k < c.time; ++k) {
    zone.transitions_.push_back(in.i64());
  }
  for (std::uint64_t k = 0; k < c.time; ++k) {
    zone.type_of_.push_back(in.u8());
  }
  for (std::uint64_t k = 0; k < c.type; ++k) {
    zone_type t;
    t.offset = in.i32();
    in.u8();  // is daylight time: the offset says all the schedule needs
    in.u8();  // abbreviation index
    zone.types_.push_back(t);
  }
  in.take(c.chars + c.isstd + c.isut);
  // Rule 3.
  if (!in.ok() || !std::is_sorted(zone.transitions_.begin(), zone.transitions_.end()) ||
      std::any_of(zone.type_of_.begin(), zone.type_of_.end(),
                  [&](std::uint8_t t) { return t >= zone.types_.size(); })) {
    return std::nullopt;
  }
  // Rule 4: "\n<rule>\n", the rule possibly empty.
  if (in.left() > 0) {
    const std::string_view rest = in.take(in.left());
    const std::size_t close = rest.find('\n', 1);
    if (rest[0] != '\n' || close == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view rule = rest.substr(1, close - 1);
    if (!rule.empty()) {
      zone.footer_ = parse_posix_tz(rule);
      if (!zone.footer_) {
        return std::nullopt;
      }
    }
  }
  return zone;
}

seconds time_zone::offset_at(sys_seconds t) const {
  const std::int64_t at = t.time_since_epoch().count();
  // Rule 5 (with no transition at all, RFC 8536 lets the footer decide, as UTC's file does).
  if (transitions_.empty()) {
    return footer_ ? footer_->offset_at(t) : seconds{types_.front().offset};
  }
  if (at < transitions_.front()) {
    return seconds{types_.front().offset};
  }
  // Rule 6.
  if (at >= transitions_.back() && footer_) {
    return footer_->offset_at(t);
  }
  // Rules 6 and 7: the latest transition at or before `t`.
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), at);
  const auto index = static_cast<std::size_t>(after - transitions_.begin()) - 1;
  return seconds{types_[type_of_[index]].offset};
}

std::chrono::local_seconds time_zone::to_local(sys_seconds t) const {
  return std::chrono::local_seconds{(t + offset_at(t)).time_since_epoch()};
}

local_resolution time_zone::resolve(std::chrono::local_seconds local) const {
  using namespace std::chrono_literals;
  const sys_seconds as_utc{local.time_since_epoch()};
  const seconds before = offset_at(as_utc - 24h);
  const seconds after = offset_at(as_utc + 24h);
  const sys_seconds at_before = as_utc - before;
  const sys_seconds at_after = as_utc - after;
  const bool fits_before = offset_at(at_before) == before;
  const bool fits_after = offset_at(at_after) == after;
  // Rule 8.
  if (before == after || (fits_before && !fits_after)) {
    return {local_resolution::kind::unique, at_before, at_before};
  }
  if (fits_after && !fits_before) {
    return {local_resolution::kind::unique, at_after, at_after};
  }
  // Rule 9.
  if (fits_before && fits_after) {
    return {local_resolution::kind::repeated, std::min(at_before, at_after),
            std::max(at_before, at_after)};
  }
  // Rule 10: the change lies between the two readings; find its second.
  sys_seconds old_side = std::min(at_before, at_after);
  sys_seconds new_side = std::max(at_before, at_after);
  while (new_side - old_side > 1s) {
    const sys_seconds middle = old_side + (new_side - old_side) / 2;
    (offset_at(middle) == after ? new_side : old_side) = middle;
  }
  return {local_resolution::kind::skipped, new_side, new_side};
}

}  // namespace ssrlink::core
