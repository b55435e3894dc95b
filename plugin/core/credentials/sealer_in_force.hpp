// The seal key in force for the stored Secret Keys, and how a stored row is opened.
//
// Rules for opening a row (in this order):
//  1. The key in force opens it.
//  2. Otherwise, while a key rotation is writing rows under the incoming key, the incoming key
//     opens it: some rows are already resealed, and readers must not see them as broken.
//  3. Otherwise the row does not open (nullopt); the caller says what that means.
//
// Only key_rotation changes the keys, always under credential_writes' lock, so a put never
// seals with a key that is about to be replaced. Other sealed data (ETS tokens, the report
// link cache) follows current(), so it moves to the new key with the credentials.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "../model/credentials.hpp"
#include "../ports/credential_store.hpp"

namespace ssrlink::core {

class sealer_in_force {
 public:
  // Throws failure(internal) when `sealer` is null.
  explicit sealer_in_force(std::shared_ptr<const secret_sealer> sealer);

  // The key new rows are sealed with. Thread-safe.
  std::shared_ptr<const secret_sealer> current() const;

  // The row's Secret Key in clear (rules 1 to 3). Thread-safe.
  std::optional<std::string> open(const stored_credentials &row) const;

  // Key rotation only: opens the two-key window of rule 2 with `incoming`.
  void accept_incoming(std::shared_ptr<const secret_sealer> incoming);
  // Key rotation only: closes the window; with `adopt`, the incoming key becomes the key in
  // force in the same step, so no reader ever tries only the old key on a resealed row.
  void settle(bool adopt);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const secret_sealer> current_;
  // Set only inside the window; shared, so a reader's copy outlives a rotation that failed and
  // whose caller let go of the key meanwhile.
  std::shared_ptr<const secret_sealer> incoming_;
};

}  // namespace ssrlink::core
