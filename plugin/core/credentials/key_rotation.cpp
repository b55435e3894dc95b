#include "key_rotation.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../json/json_fields.hpp"
#include "credential_expiry.hpp"
#include "secret_wipe.hpp"

namespace ssrlink::core {
namespace {

struct opened_row {
  stored_credentials row;
  std::string secret;
};

// Rule 1: every row in clear, or a failure before anything is written.
std::vector<opened_row> open_every_row(credential_store &store, const secret_sealer &current,
                                       const secret_sealer &next) {
  std::vector<opened_row> opened;
  try {
    for (auto &row : store.list()) {
      auto secret = current.open(row.sealed_secret, row.scope);
      if (!secret) {
        secret = next.open(row.sealed_secret, row.scope);
      }
      if (!secret) {
        throw failure(status::config,
                      "The stored TOMS Secret Key for " + scope_label(row.scope) +
                          " opens with neither the current nor the new seal key, so no row was "
                          "resealed. Restore the matching seal key file, or enter the "
                          "credentials for " +
                          scope_label(row.scope) + " again (or remove them), then rotate again.");
      }
      opened.push_back(opened_row{std::move(row), std::move(*secret)});
    }
  } catch (...) {
    for (auto &o : opened) {
      wipe(o.secret);
    }
    throw;
  }
  return opened;
}

}  // namespace

key_rotation::key_rotation(credential_store &store, sealer_in_force &keys,
                           credential_writes &writes, seal_key_opener open_key, logger &log)
    : store_(store), keys_(keys), writes_(writes), open_key_(std::move(open_key)), log_(log) {
  if (!open_key_) {
    throw failure(status::internal, "Key rotation was started without a way to open key files.");
  }
}

std::shared_ptr<const secret_sealer> key_rotation::current_sealer() const {
  return keys_.current();
}

call_result key_rotation::reseal(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The reseal request");
  json_fields fields(request, "", status::invalid_argument);
  const auto path = fields.required_string("new_seal_key_file");
  fields.reject_unknown();

  const auto resealed = rotate_sealer(open_key_(path));
  log_.log(log_level::info, "Re-sealed " + std::to_string(resealed) +
                                " credential rows under the key in " + path +
                                "; point every host's seal_key_file at it.");
  boost::json::object result;
  result["resealed"] = resealed;
  result["seal_key_file"] = path;
  return call_result{status::ok, boost::json::serialize(result)};
}

std::size_t key_rotation::reseal_all(std::shared_ptr<const secret_sealer> next) {
  if (!next) {
    throw failure(status::internal, "reseal_all was given no sealer.");
  }
  return writes_.exclusively([&] { return reseal_exclusively(next, false); });
}

std::size_t key_rotation::rotate_sealer(std::shared_ptr<const secret_sealer> next) {
  if (!next) {
    throw failure(status::internal, "rotate_sealer was given no sealer.");
  }
  return writes_.exclusively([&] { return reseal_exclusively(next, true); });
}

std::size_t key_rotation::reseal_exclusively(const std::shared_ptr<const secret_sealer> &next,
                                             bool adopt) {
  auto opened = open_every_row(store_, *keys_.current(), *next);  // rule 1

  keys_.accept_incoming(next);  // rule 4
  std::size_t count = 0;
  try {
    for (auto &o : opened) {  // rule 2
      o.row.sealed_secret = next->seal(o.secret, o.row.scope);
      wipe(o.secret);
      store_.put(o.row);
      ++count;
    }
  } catch (...) {
    for (auto &o : opened) {
      wipe(o.secret);
    }
    keys_.settle(false);
    throw;
  }
  keys_.settle(adopt);  // rule 5
  log_.log(log_level::info, "Resealed " + std::to_string(count) +
                                " stored TOMS credential row(s) with a new seal key.");
  return count;
}

}  // namespace ssrlink::core
