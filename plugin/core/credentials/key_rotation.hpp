// Key rotation: moving every stored Secret Key under a new seal key
// (ssrlink_credentials_reseal), and the seal key in force for everything else sealed with it.
//
// Rules of a reseal (in this order):
//  1. Every row is opened before any is written, with the key in force or, for a row an
//     interrupted earlier run already moved, with the new key; so a rerun is safe. A row that
//     opens with neither stops the reseal with failure(config) naming its scope, and nothing
//     changes.
//  2. Each row is written back sealed with the new key, keeping its updated_at: the pair itself
//     did not change, so ETS tokens and set ids stay valid.
//  3. No put or remove runs between the reads of rule 1 and the last write of rule 2
//     (credential_writes), so none is left under the old key.
//  4. While rows are written, readers in this process open rows sealed under either key
//     (sealer_in_force, rule 2).
//  5. rotate_sealer and reseal then seal and open with the new key from now on; reseal_all
//     keeps the key in force.
// Cached pairs are in clear and unchanged, so the resolver's cache is kept.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "../call_result.hpp"
#include "../ports/credential_store.hpp"
#include "../ports/logger.hpp"
#include "credential_writes.hpp"
#include "sealer_in_force.hpp"

namespace ssrlink::core {

// Opens the seal key file at `path` (creating it when missing, as the host's own key file is),
// or throws failure(config) with a sentence naming the path and the fix. The composition root
// supplies the file-based one; the core does not read files itself.
using seal_key_opener =
    std::function<std::shared_ptr<const secret_sealer>(const std::string &path)>;

class key_rotation {
 public:
  // All references must outlive this. Throws failure(internal) when `open_key` is empty.
  key_rotation(credential_store &store, sealer_in_force &keys, credential_writes &writes,
               seal_key_opener open_key, logger &log);

  // {"new_seal_key_file"}: opens that key file, rotates every row to it and switches this
  // process over; answers {"resealed": N, "seal_key_file": PATH}. Throws
  // failure(invalid_argument) for a malformed request, the opener's failure when the key file
  // cannot be used, and rotate_sealer's failures. Other processes keep their key until their
  // seal_key_file points at the new file.
  call_result reseal(std::string_view request_json);

  // Rules 1 to 4 with `next`, keeping the key in force. Returns the number of rows resealed.
  std::size_t reseal_all(std::shared_ptr<const secret_sealer> next);

  // reseal_all, then seal and open with `next` from now on (rule 5).
  std::size_t rotate_sealer(std::shared_ptr<const secret_sealer> next);

  // The seal key in force (it changes on rotation); other sealed data (ETS tokens, the link
  // cache) follows it. Thread-safe.
  std::shared_ptr<const secret_sealer> current_sealer() const;

 private:
  std::size_t reseal_exclusively(const std::shared_ptr<const secret_sealer> &next, bool adopt);

  credential_store &store_;
  sealer_in_force &keys_;
  credential_writes &writes_;
  seal_key_opener open_key_;
  logger &log_;
};

}  // namespace ssrlink::core
