// The per-call key of an audit row: what makes a retried insert write one row, not two.
#pragma once

#include <string>

namespace ssrlink::core {

// 128 random bits as 32 lower-case hexadecimal characters; a fresh one per call. Thread-safe.
std::string new_call_key();

}  // namespace ssrlink::core
