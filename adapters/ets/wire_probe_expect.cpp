// Rule 5 of the probe (wire_probe.cpp): the places the profile expects an answer to hold, and
// which of them the answer has (found) or lacks (missing, and why). Only the profile's names,
// JSON types and counts are written: never a value.
#include <algorithm>
#include <array>
#include <numeric>

#include "wire_probe_internal.hpp"

namespace ssrlink::ets::wire::probe_internal {
namespace {

// A place looked up from the top of a value: the value there, or null and, when a parent on the
// way was not an object, which (an expected place under a string cannot be there).
struct lookup {
  const json::value *value = nullptr;
  std::string why_absent;
};

lookup find(const json::value &from, const field_path &path) {
  const json::value *at = &from;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (!at->is_object()) {
      const std::string holder =
          i == 0 ? "the answer"
                 : dotted(field_path(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i)));
      return {nullptr,
              holder + " is " + std::string(with_article(kind_of(*at))) + ", not an object"};
    }
    at = at->get_object().if_contains(path[i]);
    if (at == nullptr) {
      return {};
    }
  }
  return {at, ""};
}

// An optional place holding null is read as absent, as the parsers read it.
bool absent_here(const lookup &l, const expected_place &at) {
  return l.value == nullptr || (!at.required && l.value->is_null());
}

std::string single_reason(const lookup &l, const expected_place &at) {
  if (l.value == nullptr) {
    return l.why_absent.empty() ? "absent" : "absent (" + l.why_absent + ")";
  }
  if (absent_here(l, at)) {
    return "null, read as absent";
  }
  return std::string(with_article(kind_of(*l.value))) + ", expected " +
         std::string(with_article(at.type));
}

// How an item field fared across the items of the reports array.
struct item_tally {
  std::size_t items = 0;
  std::size_t ok = 0;
  std::size_t absent = 0;
  std::size_t not_object = 0;
  std::array<std::size_t, json_kind_count> wrong{};

  std::size_t wrong_total() const {
    return std::accumulate(wrong.begin(), wrong.end(), std::size_t{0});
  }
};

item_tally tally(const json::array &items, const expected_place &at) {
  item_tally t;
  t.items = items.size();
  for (const json::value &item : items) {
    if (!item.is_object()) {
      ++t.not_object;
      continue;
    }
    const lookup l = find(item, at.path);
    if (absent_here(l, at)) {
      ++t.absent;
    } else if (kind_of(*l.value) == at.type) {
      ++t.ok;
    } else {
      ++t.wrong[static_cast<std::size_t>(kind_of(*l.value))];
    }
  }
  return t;
}

// "absent from all 6 items", "in 4 of 6 items (absent in 2)",
// "in 5 of 6 items (a number in 1), expected a string".
std::string items_reason(const item_tally &t, const expected_place &at) {
  const auto n = [](std::size_t v) { return std::to_string(v); };
  if (t.absent == t.items) {
    return t.items == 1 ? "absent from the one item" : "absent from all " + n(t.items) + " items";
  }
  std::string parts;
  const auto part = [&parts](const std::string &text) {
    parts += parts.empty() ? text : ", " + text;
  };
  if (t.absent != 0) {
    part("absent in " + n(t.absent));
  }
  if (t.not_object != 0) {
    part(n(t.not_object) + (t.not_object == 1 ? " item is" : " items are") + " not an object");
  }
  for (std::size_t k = 0; k < json_kind_count; ++k) {
    if (t.wrong[k] != 0) {
      part(std::string(with_article(static_cast<json_kind>(k))) + " in " + n(t.wrong[k]));
    }
  }
  return "in " + n(t.ok) + " of " + n(t.items) + " items (" + parts + ")" +
         (t.wrong_total() != 0 ? ", expected " + std::string(with_article(at.type)) : "");
}

}  // namespace

const json::value *value_at(const json::value &from, const field_path &path) {
  return find(from, path).value;
}

json_kind kind_of(const json::value &v) {
  switch (v.kind()) {
    case json::kind::object:
      return json_kind::object;
    case json::kind::array:
      return json_kind::array;
    case json::kind::string:
      return json_kind::string;
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return json_kind::number;
    case json::kind::bool_:
      return json_kind::boolean;
    case json::kind::null:
      break;
  }
  return json_kind::null;
}

std::string_view kind_name(json_kind kind) {
  constexpr std::string_view names[json_kind_count] = {"object", "array",   "string",
                                                       "number", "boolean", "null"};
  return names[static_cast<std::size_t>(kind)];
}

std::string_view with_article(json_kind kind) {
  constexpr std::string_view names[json_kind_count] = {"an object", "an array",  "a string",
                                                       "a number",  "a boolean", "null"};
  return names[static_cast<std::size_t>(kind)];
}

std::string printable(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars));
  for (std::size_t i = 0; i < text.size() && out.size() < max_chars; ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    out.push_back(u >= 0x20 && u <= 0x7e ? static_cast<char>(u) : '?');
  }
  return out;
}

expectations expected_places(const profile &p, probe_step_kind kind, bool error_answer) {
  expectations out;
  if (error_answer) {
    out.places = {{"code", p.errors.code, false, json_kind::string, true},
                  {"message", p.errors.message, false, json_kind::string, true}};
  } else if (kind == probe_step_kind::token) {
    out.places = {{"token", p.token.token, false, json_kind::string, true},
                  {"expires_in", p.token.expires_in, false, json_kind::number, false}};
  } else {
    out.items_array = p.reports.reports;
    out.places = {{"ssid", p.reports.ssid, false, json_kind::string, true},
                  {"reports", p.reports.reports, false, json_kind::array, true}};
    for (std::size_t i = 0; i < item_field_count; ++i) {
      const auto field = static_cast<item_field>(i);
      out.places.push_back({document_key(field), p.reports[field], true, json_kind::string,
                            i < required_item_fields});
    }
  }
  return out;
}

std::vector<place> as_places(const expectations &expected) {
  std::vector<place> out;
  for (const expected_place &at : expected.places) {
    place whole;
    if (at.item_field) {
      for (const std::string &name : expected.items_array) {
        whole.push_back({false, name});
      }
      whole.push_back({true, ""});
    }
    for (const std::string &name : at.path) {
      whole.push_back({false, name});
    }
    out.push_back(std::move(whole));
  }
  return out;
}

std::vector<std::string> names_in(const expectations &expected) {
  std::vector<std::string> out(expected.items_array.begin(), expected.items_array.end());
  for (const expected_place &at : expected.places) {
    out.insert(out.end(), at.path.begin(), at.path.end());
  }
  return out;
}

std::string label(const expectations &expected, const expected_place &at) {
  const std::string where =
      at.item_field ? dotted(expected.items_array) + "[]." + dotted(at.path) : dotted(at.path);
  return where + " (" + std::string(at.role) + ")";
}

match_reading match_expected(const expectations &expected, const json::value &document) {
  match_reading out;
  const json::array *items = nullptr;
  if (!expected.items_array.empty()) {
    const lookup l = find(document, expected.items_array);
    items = l.value != nullptr ? l.value->if_array() : nullptr;
  }
  for (const expected_place &at : expected.places) {
    const std::string name = label(expected, at);
    if (!at.item_field) {
      const lookup l = find(document, at.path);
      if (!absent_here(l, at) && kind_of(*l.value) == at.type) {
        out.found.push_back(name);
      } else {
        out.missing.push_back(name + ": " + single_reason(l, at));
      }
      continue;
    }
    // Item fields are read in the items of the reports array; without one (reported above), or
    // with an empty one (ETS's "no test data"), there is nothing to read them in.
    if (items == nullptr || items->empty()) {
      continue;
    }
    const item_tally t = tally(*items, at);
    if (t.ok == t.items) {
      out.found.push_back(name);
    } else if (!at.required && t.ok != 0 && t.wrong_total() == 0) {
      // An optional field some items lack: the answer still matches.
      out.found.push_back(name + ": in " + std::to_string(t.ok) + " of " + std::to_string(t.items) +
                          " items");
    } else {
      out.missing.push_back(name + ": " + items_reason(t, at));
    }
  }
  return out;
}

}  // namespace ssrlink::ets::wire::probe_internal
