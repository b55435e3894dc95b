// The seal key file named by config "seal_key_file": 64 hexadecimal characters (a 32-byte
// AES-256 key), an optional trailing newline, mode 0600.
#pragma once

#include <memory>
#include <string>

#include "core/ports/credential_store.hpp"
#include "core/ports/logger.hpp"

namespace ssrlink::crypto {

// Reads the key file and returns a sealer for it. When the file does not exist, creates it
// with a fresh random key and mode 0600 and logs (info) that it did. Creation writes a private
// temporary file and links it into place, so two processes starting at once end up with the
// same key and nobody ever reads a half-written file.
//
// Throws core::failure(status::config), with a sentence naming the path and the fix, when the
// directory is missing, the file is not a regular file, group or others may read or write it,
// or it does not hold exactly 64 hex characters. The key itself never appears in a message.
std::unique_ptr<core::secret_sealer> open_seal_key(const std::string &path, core::logger &log);

}  // namespace ssrlink::crypto
