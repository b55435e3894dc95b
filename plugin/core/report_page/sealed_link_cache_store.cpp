#include "sealed_link_cache_store.hpp"

#include <utility>

#include "../error.hpp"

namespace ssrlink::core {

sealed_link_cache_store::sealed_link_cache_store(link_cache_store &inner,
                                                 sealer_source current_sealer, logger &log)
    : inner_(inner), current_sealer_(std::move(current_sealer)), log_(log) {
  if (!current_sealer_) {
    throw failure(status::internal, "The sealed link cache was started without a sealer source.");
  }
}

std::string sealed_link_cache_store::associated_data_for(std::string_view key) {
  std::string out(associated_data_prefix);
  out += key;
  return out;
}

void sealed_link_cache_store::put(std::string_view key, std::string_view payload,
                                  time_point expires_at, time_point now) {
  const auto sealer = current_sealer_();
  if (!sealer) {
    throw failure(status::internal, "The link cache has no seal key; the entry was not written.");
  }
  inner_.put(key, sealer->seal(payload, associated_data_for(key)), expires_at, now);
}

std::optional<std::string> sealed_link_cache_store::get(std::string_view key, time_point now) {
  const auto sealed = inner_.get(key, now);
  if (!sealed) {
    return std::nullopt;
  }
  const auto sealer = current_sealer_();
  auto opened = sealer ? sealer->open(*sealed, associated_data_for(key)) : std::nullopt;
  if (!opened) {
    note_unopened();
  }
  return opened;
}

void sealed_link_cache_store::note_unopened() {
  const bool first = !reported_unopened_.exchange(true);
  log_.log(first ? log_level::info : log_level::debug,
           "A shared link cache entry did not open with the current seal key (expected once per "
           "entry after a key rotation); asking ETS instead.");
}

}  // namespace ssrlink::core
