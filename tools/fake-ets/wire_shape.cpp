#include "wire_shape.hpp"

#include <algorithm>
#include <cstddef>

namespace ssrlink::fake_ets {

void put_at(boost::json::object &root, const field_path &path, boost::json::value value) {
  boost::json::object *parent = &root;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    boost::json::value &next = (*parent)[path[i]];
    if (!next.is_object()) {
      next = boost::json::object{};
    }
    parent = &next.get_object();
  }
  (*parent)[path.back()] = std::move(value);
}

const boost::json::value *find_at(const boost::json::object &root, const field_path &path) {
  const boost::json::object *parent = &root;
  const boost::json::value *found = nullptr;
  for (const auto &name : path) {
    if (parent == nullptr) {
      return nullptr;
    }
    found = parent->if_contains(name);
    if (found == nullptr) {
      return nullptr;
    }
    parent = found->if_object();
  }
  return found;
}

boost::json::value *find_at(boost::json::object &root, const field_path &path) {
  // The same walk; the caller holds the root mutably, so the value found is mutable too.
  return const_cast<boost::json::value *>(
      find_at(static_cast<const boost::json::object &>(root), path));
}

void erase_at(boost::json::object &root, const field_path &path) {
  if (path.size() == 1) {
    root.erase(path.front());
    return;
  }
  const field_path parent_path(path.begin(), path.end() - 1);
  if (auto *parent = find_at(root, parent_path); parent != nullptr && parent->is_object()) {
    parent->get_object().erase(path.back());
  }
}

boost::json::object shaped_report(const wire_profile &profile, const boost::json::object &report) {
  const auto &default_items = default_wire_profile().reports.item;
  boost::json::object shaped;
  for (const auto &member : report) {
    // The default item names are single members; a dotted fixture key matches none of them.
    const auto *field =
        std::find_if(default_items.begin(), default_items.end(), [&](const field_path &place) {
          return place.size() == 1 && place.front() == member.key();
        });
    if (field == default_items.end()) {
      shaped[member.key()] = member.value();
    } else {
      put_at(shaped, profile.reports.item[static_cast<std::size_t>(field - default_items.begin())],
             member.value());
    }
  }
  return shaped;
}

boost::json::object reports_body(const wire_profile &profile, std::string_view ssid,
                                 boost::json::array reports) {
  boost::json::object body;
  put_at(body, profile.reports.ssid, boost::json::value(ssid));
  put_at(body, profile.reports.reports, std::move(reports));
  return body;
}

std::string answered_ssid(const wire_profile &profile, const boost::json::object &body) {
  const auto *ssid = find_at(body, profile.reports.ssid);
  return ssid != nullptr && ssid->is_string() ? std::string(ssid->get_string()) : std::string{};
}

std::string profile_error_code(const wire_profile &profile, std::string_view default_code) {
  const auto &default_codes = default_wire_profile().errors.codes;
  const auto known = std::find_if(default_codes.begin(), default_codes.end(),
                                  [&](const auto &entry) { return entry.first == default_code; });
  if (known == default_codes.end()) {
    return std::string(default_code);
  }
  const auto same_meaning =
      std::find_if(profile.errors.codes.begin(), profile.errors.codes.end(),
                   [&](const auto &entry) { return entry.second == known->second; });
  return same_meaning == profile.errors.codes.end() ? std::string(default_code)
                                                    : same_meaning->first;
}

boost::json::object error_body(const wire_profile &profile,
                               const std::optional<std::string> &default_code,
                               std::string_view message) {
  boost::json::object body;
  if (default_code) {
    put_at(body, profile.errors.code,
           boost::json::value(profile_error_code(profile, *default_code)));
  }
  put_at(body, profile.errors.message, boost::json::value(message));
  return body;
}

}  // namespace ssrlink::fake_ets
