// ETS bearer tokens shared between host processes through the database, sealed at rest: an
// ets_client decorator. Shared-nothing hosts (PHP-FPM, CGI) open a plugin handle per request, and
// each handle's client starts with an empty token cache; without sharing, every handle's first
// ETS call would ask ETS for a token first (about 100 ms, and a token request ETS counts). With
// it, one process's token serves every process until it nears its expiry.
//
// The client's handlers use its tokens for every request and must never block; a database may.
// So the store is read and written here, on the calling thread, around the client's own calls,
// and the client is only asked what it holds (current_token) and told what to use
// (adopt_token), which it answers on the calling thread.
//
// Rules:
//  1. Before a report fetch, when the client holds no token for the call's credential set
//     (ets_credentials::set_id) that stays valid beyond ets_token_refresh_margin, the set's row
//     is read. A row that opens with the sealer in force and itself stays valid beyond the
//     margin is adopted: the fetch uses it, and ETS is not asked for a token.
//  2. A row that does not open (sealed under a key since rotated out, tampered with, copied onto
//     another set's row) or that nears its expiry is ignored: the client asks ETS, and rule 3
//     replaces the row. The first row that does not open is logged at info, later ones at
//     debug; no token is ever logged.
//  3. A token the client holds that this process has not yet exchanged with the store (ETS
//     issued it to this process: its first token, the new one after a 401, the one a test
//     connection got) is sealed with the sealer in force, with "ssrlink ets token v1:" and the
//     set id as associated data, and written with its expiry. A blocking fetch writes it as
//     soon as it returns; an async fetch's token is written at the start of a later fetch for
//     the set (its callback runs on the client's decoding thread, where no database work may
//     run).
//  4. When a blocking fetch that used an adopted token fails and the client no longer holds a
//     token for the set (ETS refused the adopted one and no new one came), the row is dropped
//     if it still holds what was adopted, so other processes do not adopt it too.
//  5. Sharing never fails a call: a store that cannot answer (a database without the table,
//     before migration 0004; a lost connection) is logged, the first time at warning with the
//     store's sentence (it names the migration to run), later at debug; the call goes on with
//     the client's own tokens. With no sealer in force nothing is read or written.
//  6. check_credentials passes through: a test connection always asks ETS for a new token.
//
// The set id holds the scope and the instant its credentials were stored (not secret); a new
// pair is a new set, so a row never outlives its pair in use. Rows of replaced pairs expire
// with their tokens and the next write deletes them.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "../ports/clock.hpp"
#include "../ports/credential_store.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/ets_token_store.hpp"
#include "../ports/logger.hpp"

namespace ssrlink::core {

class shared_token_client final : public ets_client {
 public:
  // The associated data of a row: a domain tag no credential scope or link cache key can equal,
  // then the set id.
  static constexpr std::string_view associated_data_prefix = "ssrlink ets token v1:";
  // Sets whose exchanged token is remembered; far more than a district's credential sets.
  static constexpr std::size_t max_remembered_sets = 1024;

  using sealer_source = std::function<std::shared_ptr<const secret_sealer>()>;

  // Every reference must outlive the client. `current_sealer` returns the seal key in force (it
  // changes on key rotation); it must be thread-safe. Throws failure(internal) without it.
  shared_token_client(ets_client &inner, ets_token_store &store, sealer_source current_sealer,
                      const clock &clock, logger &log);

  // Thread-safe, as the inner client is.
  void fetch_reports_async(const ets_credentials &credentials, std::string ssid,
                           reports_callback done) override;
  ets_reports_result fetch_reports(const ets_credentials &credentials,
                                   const std::string &ssid) override;
  ets_token_result check_credentials(const ets_credentials &credentials) override;
  std::optional<ets_token> current_token(const std::string &set_id) override;
  void adopt_token(const std::string &set_id, const ets_token &token) override;
  // Straight to the inner client: the probe shares no token, in either direction.
  ets_probe_report probe(const ets_credentials &credentials,
                         const std::optional<std::string> &ssid) override {
    return inner_.probe(credentials, ssid);
  }

  static std::string associated_data_for(std::string_view set_id);

 private:
  // What the client was doing with the store when it failed (rule 5's log line says it).
  enum class store_step { read, write, update };
  static std::string_view to_string(store_step step);

  // A token taken from the store for one call, with the row it came from (rule 4).
  struct adoption {
    std::string sealed_token;
  };

  // Rules 1 and 3 before a fetch; never throws.
  std::optional<adoption> before_fetch(const std::string &set_id);
  // Rules 3 and 4 after a blocking fetch; never throws.
  void after_fetch(const std::string &set_id, const std::optional<adoption> &adopted, bool call_ok);
  std::optional<adoption> adopt_from_store(const std::string &set_id);
  // Seals and writes `token` unless this process already exchanged it with the store.
  void share(const std::string &set_id, const ets_token &token);
  // Records `token` as exchanged for `set_id`; false when it already was.
  bool claim(const std::string &set_id, const std::string &token);
  void note_store_failure(store_step step, const std::exception &e);
  void note_unopened();

  ets_client &inner_;
  ets_token_store &store_;
  sealer_source current_sealer_;
  const clock &clock_;
  logger &log_;
  std::mutex mutex_;
  // Per set, the token this process last read from or wrote to the store (memory only, where
  // the client holds it anyway): what rule 3 compares with.
  std::map<std::string, std::string, std::less<>> exchanged_;
  std::atomic<bool> reported_store_failure_{false};
  std::atomic<bool> reported_unopened_{false};
};

}  // namespace ssrlink::core
