#include "credential_service.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <vector>

#include "../json/json_fields.hpp"
#include "connection_message.hpp"
#include "credential_expiry.hpp"
#include "secret_mask.hpp"

namespace ssrlink::core {
namespace {

// Schools per district are few; the bound only guards against a host passing junk codes.
constexpr std::size_t max_cached_schools = 4096;

bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// Pasted values often carry a stray space or newline; TOMS never puts one at either end.
std::string trim(std::string text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) {
    ++begin;
  }
  while (end > begin && is_space(text[end - 1])) {
    --end;
  }
  return text.substr(begin, end - begin);
}

std::string checked_scope(json_fields &fields, std::string scope) {
  if (scope.empty() || scope.size() > max_scope_length || !is_printable_ascii(scope)) {
    fields.fail("scope", "must be \"district\" or a school code: 1 to " +
                             std::to_string(max_scope_length) +
                             " printable characters without spaces");
  }
  return scope;
}

std::string set_id_of(const stored_credentials &row) {
  return row.scope + ":" + std::to_string(row.updated_at.time_since_epoch().count());
}

boost::json::value warning_value(const std::optional<std::string> &warning) {
  if (warning) {
    return boost::json::value(*warning);
  }
  return nullptr;
}

call_result ok_json(const boost::json::object &object) {
  return call_result{status::ok, boost::json::serialize(object)};
}

// Overwrites a string's bytes before it is freed; the compiler may not drop a volatile store.
void wipe(std::string &secret) {
  volatile char *p = secret.data();
  for (std::size_t i = 0; i < secret.size(); ++i) {
    p[i] = 0;
  }
  secret.clear();
}

// Wipes a string holding a secret on every way out of a scope, exceptions included.
class wiped_on_exit {
 public:
  explicit wiped_on_exit(std::string &s) : target_(&s) {}
  explicit wiped_on_exit(std::optional<std::string> &s) : optional_(&s) {}
  ~wiped_on_exit() {
    if (target_ != nullptr) {
      wipe(*target_);
    }
    if (optional_ != nullptr && optional_->has_value()) {
      wipe(**optional_);
    }
  }
  wiped_on_exit(const wiped_on_exit &) = delete;
  wiped_on_exit &operator=(const wiped_on_exit &) = delete;

 private:
  std::string *target_ = nullptr;
  std::optional<std::string> *optional_ = nullptr;
};

}  // namespace

credential_service::credential_service(credential_store &store,
                                       std::shared_ptr<const secret_sealer> sealer, ets_client &ets,
                                       const clock &clock, logger &log)
    : store_(store), ets_(ets), clock_(clock), log_(log), sealer_(std::move(sealer)) {
  if (!sealer_) {
    throw failure(status::internal, "The credential service was started without a sealer.");
  }
}

std::shared_ptr<const secret_sealer> credential_service::current_sealer() const {
  std::lock_guard lock(sealer_mutex_);
  return sealer_;
}

std::optional<std::string> credential_service::open_secret(const stored_credentials &row) const {
  // Both copied under the lock: a reader keeps the keys it holds alive even when a rotation
  // fails and its caller lets go of the new key meanwhile.
  std::shared_ptr<const secret_sealer> next;
  std::shared_ptr<const secret_sealer> sealer;
  {
    std::lock_guard lock(sealer_mutex_);
    sealer = sealer_;
    next = resealing_to_;
  }
  auto secret = sealer->open(row.sealed_secret, row.scope);
  if (!secret && next != nullptr) {
    secret = next->open(row.sealed_secret, row.scope);
  }
  return secret;
}

resolved_credentials credential_service::resolve_row(const stored_credentials &row,
                                                     day_point today) const {
  auto secret = open_secret(row);
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

void credential_service::note_expiry(std::string_view scope, day_point expires_on,
                                     day_point today) {
  auto warning = expiry_warning(scope, expires_on, today);
  if (!warning) {
    return;
  }
  {
    std::lock_guard lock(warned_mutex_);
    auto it = warned_on_.find(scope);
    if (it != warned_on_.end() && it->second == today) {
      return;
    }
    warned_on_.insert_or_assign(std::string(scope), today);
  }
  log_.log(log_level::warning, *warning);
}

void credential_service::drop_cache() {
  std::lock_guard lock(cache_mutex_);
  cache_.clear();
  ++cache_generation_;
}

call_result credential_service::put(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The credentials request");
  json_fields fields(request, "", status::invalid_argument);
  const std::string scope = checked_scope(fields, fields.required_code("scope", max_scope_length));
  const std::string username = trim(fields.required_string("username"));
  auto secret_field = fields.optional_string("secret_key");
  const wiped_on_exit wipe_field(secret_field);
  std::string secret = secret_field ? trim(*secret_field) : std::string();
  const wiped_on_exit wipe_secret(secret);
  const auto expires_text = fields.optional_string("expires_on");
  fields.reject_unknown();

  const time_point now = clock_.now();
  const day_point today = day_of(now);

  if (username.empty()) {
    {
      std::lock_guard lock(write_mutex_);
      store_.remove(scope);
      drop_cache();
    }
    {
      std::lock_guard lock(warned_mutex_);
      warned_on_.erase(scope);
    }
    log_.log(log_level::info, "Removed the TOMS credentials for " + scope_label(scope) + ".");
    boost::json::object result;
    result["scope"] = scope;
    result["removed"] = true;
    return ok_json(result);
  }

  if (username.size() > max_username_length || has_control_character(username)) {
    fields.fail("username", "must be at most " + std::to_string(max_username_length) +
                                " characters, without control characters");
  }
  if (secret.empty() || secret.size() > max_secret_length || has_control_character(secret)) {
    fields.fail("secret_key", "must be the Secret Key from TOMS: 1 to " +
                                  std::to_string(max_secret_length) +
                                  " characters, without control characters");
  }
  day_point expires_on = today + std::chrono::days{default_lifetime_days};
  if (expires_text) {
    if (!parse_day(*expires_text, expires_on)) {
      fields.fail("expires_on",
                  "must be a date written YYYY-MM-DD, such as 2027-11-20 (the "
                  "Expiration Date TOMS shows beside the credentials)");
    }
    if (expires_on < today) {
      fields.fail("expires_on",
                  "is in the past; expired TOMS credentials no longer work. "
                  "Regenerate them in TOMS and enter the new pair with its "
                  "expiration date");
    }
  }

  stored_credentials row;
  row.scope = scope;
  row.username = username;
  row.expires_on = expires_on;
  row.updated_at = now;
  const std::string masked = mask_secret(secret);
  {
    // Sealed under the write lock, so a key rotation cannot switch keys between seal and store.
    std::lock_guard lock(write_mutex_);
    row.sealed_secret = current_sealer()->seal(secret, scope);
    store_.put(row);
    drop_cache();
  }
  {
    // New pair: a warning about the old one should not suppress one about the new one.
    std::lock_guard lock(warned_mutex_);
    warned_on_.erase(scope);
  }
  log_.log(log_level::info, "Saved new TOMS credentials for " + scope_label(scope) +
                                " (user name " + username + ", expiring on " +
                                format_day(expires_on) + ").");

  const auto warning = expiry_warning(scope, expires_on, today);
  boost::json::object result;
  result["scope"] = scope;
  result["username"] = username;
  result["secret"] = masked;
  result["expires_on"] = format_day(expires_on);
  result["days_left"] = days_left(expires_on, today);
  result["warning"] = warning_value(warning);
  result["updated_at"] = format_utc(now);
  return ok_json(result);
}

call_result credential_service::status(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The credentials status request");
  json_fields fields(request, "", status::invalid_argument);
  // Scopes are strings or, for hosts whose school codes are integers, JSON integers.
  std::optional<std::string> only = fields.optional_code("scope", max_scope_length);
  if (only) {
    only = checked_scope(fields, std::move(*only));
  }
  fields.reject_unknown();

  const day_point today = day_of(clock_.now());
  std::vector<stored_credentials> rows;
  if (only) {
    if (auto row = store_.get(*only)) {
      rows.push_back(std::move(*row));
    }
  } else {
    rows = store_.list();
  }
  // The district first, then schools in code order: the order an administrator scans.
  std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
    const bool a_district = a.scope == district_scope;
    const bool b_district = b.scope == district_scope;
    if (a_district != b_district) {
      return a_district;
    }
    return a.scope < b.scope;
  });

  boost::json::array scopes;
  for (const auto &row : rows) {
    auto secret = open_secret(row);
    const auto warning = expiry_warning(row.scope, row.expires_on, today);
    note_expiry(row.scope, row.expires_on, today);
    boost::json::object entry;
    entry["scope"] = row.scope;
    entry["username"] = row.username;
    if (secret) {
      entry["secret"] = mask_secret(*secret);
      wipe(*secret);
    } else {
      // Listing must still work when the key is wrong: that is how an admin finds out.
      entry["secret"] = nullptr;
      entry["seal_error"] =
          "The stored Secret Key cannot be opened with the current seal key file; restore the "
          "file from backup or enter the credentials again.";
    }
    entry["expires_on"] = format_day(row.expires_on);
    entry["days_left"] = days_left(row.expires_on, today);
    entry["warning"] = warning_value(warning);
    entry["updated_at"] = format_utc(row.updated_at);
    scopes.push_back(std::move(entry));
  }
  boost::json::object result;
  result["scopes"] = std::move(scopes);
  return ok_json(result);
}

call_result credential_service::test_connection(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The test connection request");
  json_fields fields(request, "", status::invalid_argument);
  const std::string scope = checked_scope(fields, fields.required_code("scope", max_scope_length));
  fields.reject_unknown();

  const auto row = store_.get(scope);
  if (!row) {
    throw failure(status::not_found,
                  "No TOMS credentials are stored for " + scope_label(scope) +
                      "; enter its User Name and Secret Key first." +
                      (scope == district_scope
                           ? std::string()
                           : " (Students of a school without its own pair use the district's.)"));
  }
  const day_point today = day_of(clock_.now());
  auto resolved = resolve_row(*row, today);
  const wiped_on_exit wipe_secret(resolved.pair.secret_key);
  const auto result = ets_.check_credentials(resolved.pair);
  const auto warning = expiry_warning(scope, row->expires_on, today);
  const std::string message = connection_message(scope, result, warning, resolved.expired);

  log_.log(result.ok ? log_level::info : log_level::warning,
           "Test connection for " + scope_label(scope) + ": " + message);
  boost::json::object out;
  out["ok"] = result.ok;
  out["message"] = message;
  return ok_json(out);
}

std::optional<resolved_credentials> credential_service::for_school(std::string_view school_code) {
  const time_point now = clock_.now();
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(cache_mutex_);
    auto it = cache_.find(school_code);
    // A clock that steps backwards must not make an entry live longer.
    if (it != cache_.end() && now >= it->second.fetched_at &&
        now - it->second.fetched_at < credential_cache_ttl) {
      return it->second.value;
    }
    generation = cache_generation_;
  }

  const day_point today = day_of(now);
  std::optional<stored_credentials> row;
  if (!school_code.empty() && school_code != district_scope) {
    row = store_.get(school_code);
  }
  if (!row) {
    row = store_.get(district_scope);
  }
  std::optional<resolved_credentials> value;
  if (row) {
    value = resolve_row(*row, today);
    note_expiry(row->scope, row->expires_on, today);
  }

  std::lock_guard lock(cache_mutex_);
  if (generation == cache_generation_) {
    if (cache_.size() >= max_cached_schools) {
      cache_.clear();
    }
    cache_.insert_or_assign(std::string(school_code), cache_entry{value, now});
  }
  return value;
}

std::size_t credential_service::reseal_all(std::shared_ptr<const secret_sealer> next) {
  if (!next) {
    throw failure(status::internal, "reseal_all was given no sealer.");
  }
  std::lock_guard write_lock(write_mutex_);
  return reseal_locked(std::move(next), false);
}

std::size_t credential_service::rotate_sealer(std::shared_ptr<const secret_sealer> next) {
  if (!next) {
    throw failure(status::internal, "rotate_sealer was given no sealer.");
  }
  std::lock_guard write_lock(write_mutex_);
  return reseal_locked(std::move(next), true);
}

std::size_t credential_service::reseal_locked(std::shared_ptr<const secret_sealer> next_key,
                                              bool adopt) {
  const secret_sealer &next = *next_key;
  const auto current = current_sealer();

  struct opened_row {
    stored_credentials row;
    std::string secret;
  };
  std::vector<opened_row> opened;
  const auto wipe_all = [&opened] {
    for (auto &o : opened) {
      wipe(o.secret);
    }
  };
  for (auto &row : store_.list()) {
    auto secret = current->open(row.sealed_secret, row.scope);
    if (!secret) {
      secret = next.open(row.sealed_secret, row.scope);
    }
    if (!secret) {
      wipe_all();
      throw failure(status::config,
                    "The stored TOMS Secret Key for " + scope_label(row.scope) +
                        " opens with neither the current nor the new seal key, so no row was "
                        "resealed. Restore the matching seal key file, or enter the credentials "
                        "for " +
                        scope_label(row.scope) + " again (or remove them), then rotate again.");
    }
    opened.push_back(opened_row{std::move(row), std::move(*secret)});
  }

  {
    std::lock_guard lock(sealer_mutex_);
    resealing_to_ = next_key;
  }
  std::size_t count = 0;
  try {
    for (auto &o : opened) {
      o.row.sealed_secret = next.seal(o.secret, o.row.scope);
      wipe(o.secret);
      store_.put(o.row);
      ++count;
    }
  } catch (...) {
    wipe_all();
    std::lock_guard lock(sealer_mutex_);
    resealing_to_ = nullptr;
    throw;
  }
  {
    // Switching the sealer and ending the two-key window in one step leaves no moment in which
    // a reader could try only the old key on a resealed row.
    std::lock_guard lock(sealer_mutex_);
    if (adopt) {
      sealer_ = std::move(next_key);
    }
    resealing_to_ = nullptr;
  }
  // Cached pairs are in clear and unchanged; only what is stored moved to the new key.
  log_.log(log_level::info, "Resealed " + std::to_string(count) +
                                " stored TOMS credential row(s) with a new seal key.");
  return count;
}

}  // namespace ssrlink::core
