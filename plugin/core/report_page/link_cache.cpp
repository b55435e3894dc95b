#include "link_cache.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>

#include "../error.hpp"
#include "../json/json_text.hpp"

namespace ssrlink::core {
namespace {

namespace json = boost::json;

// Version 2 added fetched_at_ms; a version 1 entry is a miss (and is replaced on the next fetch).
constexpr std::int64_t payload_version = 2;

bool negatively_cacheable(const ets_failure &failure) {
  return failure.fault == ets_fault::answered &&
         (failure.error == ets_error::no_test_data || failure.error == ets_error::ssid_not_found);
}

time_point earliest_expiry(const report_links &links) {
  time_point earliest = time_point::max();
  for (const auto &link : links) {
    earliest = std::min(earliest, link.expires_at);
  }
  return earliest;
}

std::string get_string(const json::object &object, std::string_view key) {
  const auto *value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) {
    throw std::invalid_argument("missing string");
  }
  return std::string(value->as_string());
}

time_point get_time(const json::object &object, std::string_view key) {
  time_point out;
  if (!parse_utc(get_string(object, key), out)) {
    throw std::invalid_argument("bad time");
  }
  return out;
}

time_point get_millis(const json::object &object, std::string_view key) {
  const auto *value = object.if_contains(key);
  if (value == nullptr || !value->is_int64()) {
    throw std::invalid_argument("missing integer");
  }
  return time_point{std::chrono::milliseconds{value->as_int64()}};
}

}  // namespace

link_cache::link_cache(link_cache_store &shared, const clock &clock, logger &log,
                       link_cache_options options)
    : shared_(shared), clock_(clock), log_(log), options_(std::move(options)) {
  options_.front_capacity = std::max<std::size_t>(options_.front_capacity, 1);
}

std::string link_cache::key_for(std::string_view ssid, std::string_view set_id) {
  // Length-prefixed so that no SSID and set id pair can collide with another.
  return "ssr:" + std::to_string(ssid.size()) + ":" + std::string(ssid) + ":" + std::string(set_id);
}

std::string link_cache::encode(const ets_reports_result &result, time_point serve_until,
                               time_point fetched_at) {
  // Written as text, not built as a Boost.JSON object: every cold page encodes one entry, and
  // building the object cost more than writing it. decode reads it back with Boost.JSON.
  std::string out = "{\"v\":" + std::to_string(payload_version) + ",\"serve_until\":";
  append_json_string(out, format_utc(serve_until));
  // Unix milliseconds: the refresh floor must not lose the sub-second part format_utc drops.
  out += ",\"fetched_at_ms\":" + std::to_string(fetched_at.time_since_epoch().count());
  if (!result.ok()) {
    out += ",\"error\":";
    out += result.failure().error == ets_error::ssid_not_found ? "\"ssid_not_found\""
                                                               : "\"no_test_data\"";
    out += '}';
    return out;
  }
  out += ",\"reports\":[";
  bool first_link = true;
  for (const auto &link : result.reports()) {
    out += first_link ? "{" : ",{";
    first_link = false;
    const std::pair<std::string_view, std::string_view> members[] = {
        {"test", link.test},     {"name", link.name},       {"year", link.year},
        {"grade", link.grade},   {"subject", link.subject}, {"language", link.language},
        {"format", link.format}, {"status", link.status},   {"url", link.url}};
    for (const auto &[name, value] : members) {
      append_json_string(out, name);
      out += ':';
      append_json_string(out, value);
      out += ',';
    }
    out += "\"expires_at\":";
    append_json_string(out, format_utc(link.expires_at));
    out += '}';
  }
  out += "]}";
  return out;
}

std::optional<link_cache::decoded_entry> link_cache::decode(std::string_view payload) {
  try {
    boost::system::error_code ec;
    const json::value value = json::parse(payload, ec);
    if (ec || !value.is_object()) {
      return std::nullopt;
    }
    const auto &entry = value.as_object();
    const auto *version = entry.if_contains("v");
    if (version == nullptr || !version->is_int64() || version->as_int64() != payload_version) {
      return std::nullopt;
    }
    decoded_entry out{ets_reports_result{}, get_time(entry, "serve_until"),
                      get_millis(entry, "fetched_at_ms")};
    if (const auto *reports = entry.if_contains("reports")) {
      if (!reports->is_array() || reports->as_array().empty()) {
        return std::nullopt;
      }
      report_links links;
      for (const auto &item : reports->as_array()) {
        if (!item.is_object()) {
          return std::nullopt;
        }
        const auto &o = item.as_object();
        links.push_back(report_link{get_string(o, "test"), get_string(o, "name"),
                                    get_string(o, "year"), get_string(o, "grade"),
                                    get_string(o, "subject"), get_string(o, "language"),
                                    get_string(o, "format"), get_string(o, "status"),
                                    get_string(o, "url"), get_time(o, "expires_at")});
      }
      out.result.value = std::move(links);
    } else {
      const std::string error = get_string(entry, "error");
      ets_failure failure;
      failure.fault = ets_fault::answered;
      failure.detail = "cached ETS answer";
      if (error == "no_test_data") {
        failure.error = ets_error::no_test_data;
      } else if (error == "ssid_not_found") {
        failure.error = ets_error::ssid_not_found;
      } else {
        return std::nullopt;
      }
      out.result.value = std::move(failure);
    }
    return out;
  } catch (const std::exception &) {
    return std::nullopt;  // a missing or mistyped field: treat the entry as garbage
  }
}

std::optional<time_point> link_cache::serve_until_for(const ets_reports_result &result,
                                                      time_point now) const {
  if (result.ok()) {
    if (result.reports().empty()) {
      return std::nullopt;
    }
    const time_point until = earliest_expiry(result.reports()) - options_.safety_margin;
    return until > now ? std::optional(until) : std::nullopt;
  }
  if (negatively_cacheable(result.failure())) {
    return now + options_.negative_ttl;
  }
  return std::nullopt;
}

bool link_cache::holds_refresh_back(time_point fetched_at, time_point now) const {
  const auto age = now - fetched_at;
  return age < options_.refresh_floor && age > -options_.refresh_floor;
}

std::optional<link_lookup> link_cache::front_get(const std::string &key, bool refresh,
                                                 time_point now) {
  const auto it = front_.find(key);
  if (it == front_.end()) {
    return std::nullopt;
  }
  if (it->second.serve_until <= now) {
    lru_.erase(it->second.position);
    front_.erase(it);
    return std::nullopt;
  }
  if (refresh && !holds_refresh_back(it->second.fetched_at, now)) {
    return std::nullopt;  // old enough to ask again; the fresh answer will replace it
  }
  lru_.splice(lru_.begin(), lru_, it->second.position);
  return link_lookup{it->second.answer, true, it->second.fetched_at};
}

void link_cache::front_put(const std::string &key, const link_lookup &entry,
                           time_point serve_until) {
  if (const auto it = front_.find(key); it != front_.end()) {
    it->second.answer = entry.answer;
    it->second.serve_until = serve_until;
    it->second.fetched_at = entry.fetched_at;
    lru_.splice(lru_.begin(), lru_, it->second.position);
    return;
  }
  while (front_.size() >= options_.front_capacity && !lru_.empty()) {
    front_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.push_front(key);
  front_.emplace(key, front_entry{entry.answer, serve_until, entry.fetched_at, lru_.begin()});
}

std::optional<link_lookup> link_cache::shared_get(const std::string &key, bool refresh,
                                                  time_point now) {
  std::optional<std::string> payload;
  try {
    payload = shared_.get(key, now);
  } catch (const failure &error) {
    log_.log(log_level::warning, "The shared link cache could not be read; asking ETS instead: " +
                                     std::string(error.what()));
    return std::nullopt;
  }
  if (!payload) {
    return std::nullopt;
  }
  auto entry = decode(*payload);
  if (!entry) {
    log_.log(log_level::warning, "Ignored an unreadable entry in the shared link cache.");
    return std::nullopt;
  }
  // Never trust the stored deadline alone: recompute it from the links themselves.
  const auto until = serve_until_for(entry->result, now);
  if (!until || entry->serve_until <= now) {
    return std::nullopt;
  }
  if (refresh && !holds_refresh_back(entry->fetched_at, now)) {
    return std::nullopt;
  }
  link_lookup hit{std::make_shared<const ets_reports_result>(std::move(entry->result)), true,
                  entry->fetched_at};
  {
    std::lock_guard lock(mutex_);
    front_put(key, hit, std::min(*until, entry->serve_until));
  }
  return hit;
}

void link_cache::shared_put(const std::string &key, const link_lookup &entry,
                            time_point serve_until, time_point now) {
  try {
    shared_.put(key, encode(entry.result(), serve_until, entry.fetched_at), serve_until, now);
  } catch (const failure &error) {
    log_.log(log_level::warning,
             "The shared link cache could not be written: " + std::string(error.what()));
  }
}

link_lookup link_cache::lead(const std::string &key, bool refresh, const fetch_function &fetch) {
  // Even a refresh looks here first: another process may have fetched within the floor.
  if (auto hit = shared_get(key, refresh, clock_.now())) {
    return std::move(*hit);
  }
  auto answer = std::make_shared<const ets_reports_result>(fetch());
  const time_point now = clock_.now();
  link_lookup fresh{std::move(answer), false, now};
  if (const auto until = serve_until_for(fresh.result(), now)) {
    if (options_.share_later) {
      fresh.to_share = link_share{key, *until, now, fresh.answer};  // rule 5
    } else {
      shared_put(key, fresh, *until, now);
    }
    std::lock_guard lock(mutex_);
    front_put(key, fresh, *until);
  }
  return fresh;
}

void link_cache::share(const link_share &pending) {
  shared_.put(pending.key, encode(*pending.answer, pending.serve_until, pending.fetched_at),
              pending.serve_until, pending.fetched_at);
}

link_lookup link_cache::get_or_fetch(const std::string &ssid, const std::string &set_id,
                                     bool refresh, const fetch_function &fetch) {
  const std::string key = key_for(ssid, set_id);
  for (;;) {
    std::shared_ptr<flight> mine;
    std::shared_future<link_lookup> theirs;
    {
      std::lock_guard lock(mutex_);
      if (auto hit = front_get(key, refresh, clock_.now())) {
        return std::move(*hit);
      }
      if (const auto it = flights_.find(key); it != flights_.end()) {
        theirs = it->second->future;
      } else {
        mine = std::make_shared<flight>();
        flights_.emplace(key, mine);
      }
    }

    if (!mine) {
      if (options_.on_wait) {
        options_.on_wait();
      }
      link_lookup joined = theirs.get();  // rethrows the leader's exception
      if (refresh && joined.cached && !holds_refresh_back(joined.fetched_at, clock_.now())) {
        // The leader served an entry too old for this refresh: go round again, so that
        // concurrent refreshes share one fetch as well.
        continue;
      }
      return joined;
    }

    try {
      link_lookup result = lead(key, refresh, fetch);
      {
        std::lock_guard lock(mutex_);
        flights_.erase(key);
      }
      link_lookup theirs_too = result;
      theirs_too.to_share.reset();  // rule 5: the write is this caller's alone
      mine->promise.set_value(std::move(theirs_too));
      return result;
    } catch (...) {
      {
        std::lock_guard lock(mutex_);
        flights_.erase(key);
      }
      mine->promise.set_exception(std::current_exception());
      throw;
    }
  }
}

std::size_t link_cache::front_size() const {
  std::lock_guard lock(mutex_);
  return front_.size();
}

}  // namespace ssrlink::core
