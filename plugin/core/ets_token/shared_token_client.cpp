#include "shared_token_client.hpp"

#include <utility>

#include "../error.hpp"

namespace ssrlink::core {

shared_token_client::shared_token_client(ets_client &inner, ets_token_store &store,
                                         sealer_source current_sealer, const clock &clock,
                                         logger &log)
    : inner_(inner),
      store_(store),
      current_sealer_(std::move(current_sealer)),
      clock_(clock),
      log_(log) {
  if (!current_sealer_) {
    throw failure(status::internal, "The shared ETS token store was started without a sealer.");
  }
}

std::string shared_token_client::associated_data_for(std::string_view set_id) {
  std::string out(associated_data_prefix);
  out += set_id;
  return out;
}

void shared_token_client::fetch_reports_async(const ets_credentials &credentials, std::string ssid,
                                              reports_callback done) {
  // No after_fetch: `done` runs on the client's decoding thread, which must not wait on the
  // database. A token this fetch obtains is shared by the next fetch's before_fetch (rule 3).
  before_fetch(credentials.set_id);
  inner_.fetch_reports_async(credentials, std::move(ssid), std::move(done));
}

ets_reports_result shared_token_client::fetch_reports(const ets_credentials &credentials,
                                                      const std::string &ssid) {
  const auto adopted = before_fetch(credentials.set_id);
  ets_reports_result result = inner_.fetch_reports(credentials, ssid);
  after_fetch(credentials.set_id, adopted, result.ok());
  return result;
}

ets_token_result shared_token_client::check_credentials(const ets_credentials &credentials) {
  return inner_.check_credentials(credentials);
}

std::optional<ets_token> shared_token_client::current_token(const std::string &set_id) {
  return inner_.current_token(set_id);
}

void shared_token_client::adopt_token(const std::string &set_id, const ets_token &token) {
  inner_.adopt_token(set_id, token);
}

std::optional<shared_token_client::adoption> shared_token_client::before_fetch(
    const std::string &set_id) {
  try {
    if (const auto held = inner_.current_token(set_id)) {
      share(set_id, *held);
      return std::nullopt;
    }
    return adopt_from_store(set_id);
  } catch (const std::exception &e) {
    // Only the client itself can throw here (the store's failures are caught below); the fetch
    // that follows reports whatever is wrong with it.
    note_store_failure(store_step::read, e);
    return std::nullopt;
  }
}

void shared_token_client::after_fetch(const std::string &set_id,
                                      const std::optional<adoption> &adopted, bool call_ok) {
  try {
    if (const auto held = inner_.current_token(set_id)) {
      share(set_id, *held);
      return;
    }
    if (adopted && !call_ok) {
      store_.drop(set_id, adopted->sealed_token);
    }
  } catch (const std::exception &e) {
    note_store_failure(store_step::update, e);
  }
}

std::optional<shared_token_client::adoption> shared_token_client::adopt_from_store(
    const std::string &set_id) {
  const time_point now = clock_.now();
  std::optional<stored_ets_token> row;
  try {
    row = store_.get(set_id, now);
  } catch (const std::exception &e) {
    note_store_failure(store_step::read, e);
    return std::nullopt;
  }
  // The client would not hand out a token this close to its expiry; asking ETS is cheaper than
  // adopting it to no use.
  if (!row || row->expires_at - ets_token_refresh_margin <= now) {
    return std::nullopt;
  }
  const auto sealer = current_sealer_();
  if (!sealer) {
    return std::nullopt;
  }
  const auto opened = sealer->open(row->sealed_token, associated_data_for(set_id));
  if (!opened) {
    note_unopened();
    return std::nullopt;
  }
  inner_.adopt_token(set_id, ets_token{*opened, row->expires_at});
  claim(set_id, *opened);
  return adoption{std::move(row->sealed_token)};
}

void shared_token_client::share(const std::string &set_id, const ets_token &token) {
  // Claimed before the write: a store that fails is not asked again for the same token.
  if (!claim(set_id, token.value)) {
    return;
  }
  const auto sealer = current_sealer_();
  if (!sealer) {
    return;
  }
  try {
    store_.put(set_id, sealer->seal(token.value, associated_data_for(set_id)), token.expires_at,
               clock_.now());
  } catch (const std::exception &e) {
    note_store_failure(store_step::write, e);
  }
}

bool shared_token_client::claim(const std::string &set_id, const std::string &token) {
  const std::lock_guard lock(mutex_);
  const auto it = exchanged_.find(set_id);
  if (it != exchanged_.end()) {
    if (it->second == token) {
      return false;
    }
    it->second = token;
    return true;
  }
  if (exchanged_.size() >= max_remembered_sets) {
    // Forgetting only costs one more write per set.
    exchanged_.clear();
  }
  exchanged_.emplace(set_id, token);
  return true;
}

std::string_view shared_token_client::to_string(store_step step) {
  switch (step) {
    case store_step::read:
      return "read";
    case store_step::write:
      return "write";
    case store_step::update:
      return "update";
  }
  return "use";
}

void shared_token_client::note_store_failure(store_step step, const std::exception &e) {
  const bool first = !reported_store_failure_.exchange(true);
  // e.what() is a sentence for people (failure::what()); the driver's detail, which could quote
  // SQL, stays out, and no token is ever part of either.
  log_.log(first ? log_level::warning : log_level::debug,
           "ETS tokens are not shared with other host processes (could not " +
               std::string(to_string(step)) + " the shared token): " + e.what() +
               " Until then each process asks ETS for a token of its own.");
}

void shared_token_client::note_unopened() {
  const bool first = !reported_unopened_.exchange(true);
  log_.log(first ? log_level::info : log_level::debug,
           "A shared ETS token did not open with the current seal key (expected once after a key "
           "rotation); asking ETS for a new one.");
}

}  // namespace ssrlink::core
