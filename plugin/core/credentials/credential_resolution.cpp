#include "credential_resolution.hpp"

#include <utility>

#include "../error.hpp"
#include "credential_expiry.hpp"

namespace ssrlink::core {
namespace {

// Schools per district are few; the bound only guards against a host passing junk codes.
constexpr std::size_t max_cached_schools = 4096;

// Names the pair and when it was stored: the same pair entered again is a new set, so ETS
// tokens issued for the old one are not reused.
std::string set_id_of(const stored_credentials &row) {
  return row.scope + ":" + std::to_string(row.updated_at.time_since_epoch().count());
}

}  // namespace

credential_resolution::credential_resolution(credential_store &store, const sealer_in_force &keys,
                                             const clock &clock, logger &log)
    : store_(store), keys_(keys), clock_(clock), warnings_(log) {}

std::optional<resolved_credentials> credential_resolution::for_school(
    std::string_view school_code) {
  const time_point now = clock_.now();
  std::uint64_t generation = 0;
  {
    const std::lock_guard lock(cache_mutex_);
    const auto it = cache_.find(school_code);
    // Rule 1; a clock that steps backwards must not make an entry live longer.
    if (it != cache_.end() && now >= it->second.fetched_at &&
        now - it->second.fetched_at < credential_cache_ttl) {
      return it->second.value;
    }
    generation = cache_generation_;
  }

  auto value = read_store(school_code, day_of(now));

  const std::lock_guard lock(cache_mutex_);
  if (generation == cache_generation_) {
    if (cache_.size() >= max_cached_schools) {
      cache_.clear();
    }
    cache_.insert_or_assign(std::string(school_code), cache_entry{value, now});
  }
  return value;
}

std::optional<resolved_credentials> credential_resolution::read_store(std::string_view school_code,
                                                                      day_point today) {
  std::optional<stored_credentials> row;
  if (!school_code.empty() && school_code != district_scope) {
    row = store_.get(school_code);  // rule 2
  }
  if (!row) {
    row = store_.get(district_scope);  // rule 3
  }
  if (!row) {
    return std::nullopt;  // rule 4
  }
  auto value = resolve(*row, today);
  warnings_.note(row->scope, row->expires_on, today);
  return value;
}

resolved_credentials credential_resolution::resolve(const stored_credentials &row,
                                                    day_point today) const {
  auto secret = keys_.open(row);
  if (!secret) {
    throw failure(status::config,
                  "The stored TOMS Secret Key for " + scope_label(row.scope) +
                      " cannot be opened: the seal key file does not match the key it was "
                      "sealed with. Restore the seal key file from your backup, or enter the "
                      "credentials for " +
                      scope_label(row.scope) + " again.");
  }
  resolved_credentials out;
  out.pair.scope = row.scope;
  out.pair.username = row.username;
  out.pair.secret_key = std::move(*secret);
  out.pair.set_id = set_id_of(row);
  out.expires_on = row.expires_on;
  out.expired = row.expires_on < today;
  return out;
}

std::optional<std::string> credential_resolution::open_secret(const stored_credentials &row) const {
  return keys_.open(row);
}

void credential_resolution::note_expiry(std::string_view scope, day_point expires_on,
                                        day_point today) {
  warnings_.note(scope, expires_on, today);
}

void credential_resolution::changed(std::string_view scope) {
  {
    const std::lock_guard lock(cache_mutex_);
    cache_.clear();
    ++cache_generation_;
  }
  warnings_.forget(scope);
}

}  // namespace ssrlink::core
