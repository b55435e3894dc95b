// Rule 4 of the probe (wire_probe.cpp): the shape of a JSON answer, one line per place, with
// array items merged, and the unknown places of rule 5. Only names that pass looks_like_name,
// types, counts and array lengths are written: never a value.
#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include "wire_probe_internal.hpp"

namespace ssrlink::ets::wire::probe_internal {
namespace {

constexpr std::size_t max_depth = 8;      // deeper places are counted, not shown
constexpr std::size_t max_lines = 200;    // then "… N more places not shown"
constexpr std::size_t max_places = 4096;  // distinct places tracked; a bound on memory
constexpr std::size_t max_unknown = 50;   // then "… N more unknown places"
constexpr std::string_view withheld = "(name withheld)";
constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
constexpr auto object_index = static_cast<std::size_t>(json_kind::object);

bool name_char(char c, bool first) {
  const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  const bool digit = c >= '0' && c <= '9';
  return alpha || c == '_' || c == '$' || c == '@' || (!first && (digit || c == '-'));
}

bool has_digit_run(std::string_view text) {
  std::size_t run = 0;
  for (const char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 4) {
      return true;
    }
  }
  return false;
}

// One place of the document, every value found there merged: items of an array are one place.
struct node {
  segment seg;            // items, or a member; a withheld member has the name ""
  bool withheld = false;  // every member whose name is not shown, merged into one place
  std::size_t depth = 0;
  std::vector<std::size_t> children;  // in the order first seen
  std::size_t count[json_kind_count] = {};
  std::size_t present = 0;  // values seen here
  std::size_t holders = 0;  // distinct parent values that held one
  std::size_t last_holder = none;
  std::size_t min_length = none;  // of the arrays seen here
  std::size_t max_length = 0;
};

class shape_walk {
 public:
  explicit shape_walk(const std::vector<std::string> &profile_names)
      : profile_names_(profile_names) {
    nodes_.emplace_back();
  }

  void visit(const json::value &v, std::size_t at, std::size_t holder) {
    const std::size_t id = next_id_++;
    {
      node &n = nodes_[at];
      ++n.present;
      if (n.last_holder != holder) {
        ++n.holders;
        n.last_holder = holder;
      }
      ++n.count[static_cast<std::size_t>(kind_of(v))];
    }
    if (v.is_object()) {
      for (const auto &member : v.get_object()) {
        const std::string_view name = member.key();
        const bool shown =
            looks_like_name(name) ||
            std::find(profile_names_.begin(), profile_names_.end(), name) != profile_names_.end();
        const std::size_t c = child(at, segment{false, shown ? std::string(name) : ""}, !shown);
        if (c != none) {
          visit(member.value(), c, id);
        }
      }
    } else if (v.is_array()) {
      const json::array &items = v.get_array();
      nodes_[at].min_length = std::min(nodes_[at].min_length, items.size());
      nodes_[at].max_length = std::max(nodes_[at].max_length, items.size());
      if (!items.empty()) {
        const std::size_t c = child(at, segment{true, ""}, false);
        for (const json::value &item : items) {
          if (c != none) {
            visit(item, c, id);
          }
        }
      }
    }
  }

  const std::vector<node> &nodes() const { return nodes_; }
  bool overflowed() const { return overflowed_; }

 private:
  std::size_t child(std::size_t parent, segment seg, bool is_withheld) {
    const char tag = seg.items ? 'i' : (is_withheld ? 'w' : 'm');
    const auto key = std::make_pair(parent, tag + seg.name);
    if (const auto found = index_.find(key); found != index_.end()) {
      return found->second;
    }
    if (nodes_.size() >= max_places) {
      overflowed_ = true;
      return none;
    }
    const std::size_t c = nodes_.size();
    node n;
    n.seg = std::move(seg);
    n.withheld = is_withheld;
    n.depth = nodes_[parent].depth + 1;
    nodes_.push_back(std::move(n));
    nodes_[parent].children.push_back(c);
    index_.emplace(key, c);
    return c;
  }

  const std::vector<std::string> &profile_names_;
  std::vector<node> nodes_;
  std::map<std::pair<std::size_t, std::string>, std::size_t> index_;
  std::size_t next_id_ = 0;
  bool overflowed_ = false;
};

std::string place_text(const std::string &parent, const node &n) {
  if (n.seg.items) {
    return parent + "[]";
  }
  const std::string name = n.withheld ? std::string(withheld) : n.seg.name;
  return parent.empty() ? name : parent + "." + name;
}

// "object", "array of 6", "array of 0 to 3", or each type with its count: "object 5, string 1".
std::string types_text(const node &n) {
  std::size_t kinds = 0;
  for (const std::size_t c : n.count) {
    kinds += c != 0 ? 1 : 0;
  }
  std::string out;
  for (std::size_t k = 0; k < json_kind_count; ++k) {
    if (n.count[k] == 0) {
      continue;
    }
    out += out.empty() ? "" : ", ";
    out += kind_name(static_cast<json_kind>(k));
    if (kinds > 1) {
      out.append(" ").append(std::to_string(n.count[k]));
    } else if (static_cast<json_kind>(k) == json_kind::array) {
      out.append(" of ").append(std::to_string(n.min_length));
      if (n.max_length != n.min_length) {
        out.append(" to ").append(std::to_string(n.max_length));
      }
    }
  }
  return out;
}

// "(6 of 6)" under an array: in how many of the parent's objects (items: of the items) the
// place is; "(3 members)" for withheld names merged into one place.
std::string count_text(const node &n, const node &parent, bool repeated) {
  const std::size_t of = n.seg.items ? n.present : parent.count[object_index];
  const std::size_t in = n.seg.items ? n.present : n.holders;
  const bool show_of = repeated || of > 1;
  if (n.withheld && n.present > n.holders) {
    return " (" + std::to_string(n.present) + " members" +
           (show_of ? " in " + std::to_string(in) + " of " + std::to_string(of) : "") + ")";
  }
  return show_of ? " (" + std::to_string(in) + " of " + std::to_string(of) + ")" : "";
}

class shape_printer {
 public:
  explicit shape_printer(const std::vector<node> &nodes) : nodes_(nodes) {}

  std::vector<std::string> print() {
    const node &root = nodes_[0];
    const bool object_root = root.count[object_index] == root.present;
    if (!object_root) {
      lines_.push_back("(top level): " + types_text(root));
    }
    for (const std::size_t c : root.children) {
      walk(c, root, "", false);
    }
    return std::move(lines_);
  }
  std::size_t hidden() const { return hidden_; }

 private:
  void walk(std::size_t at, const node &parent, const std::string &parent_text, bool repeated) {
    const node &n = nodes_[at];
    const std::string text = place_text(parent_text, n);
    if (n.depth > max_depth || lines_.size() >= max_lines) {
      ++hidden_;
    } else {
      lines_.push_back(text + ": " + types_text(n) + count_text(n, parent, repeated));
    }
    const bool under = repeated || n.seg.items || (n.withheld && n.present > n.holders);
    for (const std::size_t c : n.children) {
      walk(c, n, text, under);
    }
  }

  const std::vector<node> &nodes_;
  std::vector<std::string> lines_;
  std::size_t hidden_ = 0;
};

bool is_prefix(const place &shorter, const place &longer) {
  return shorter.size() < longer.size() &&
         std::equal(shorter.begin(), shorter.end(), longer.begin());
}

class unknown_finder {
 public:
  unknown_finder(const std::vector<node> &nodes, const std::vector<place> &expected)
      : nodes_(nodes), expected_(expected) {}

  std::vector<std::string> find() {
    place at;
    descend(0, at, "");
    if (more_ != 0) {
      out_.push_back("… " + std::to_string(more_) + " more unknown places");
    }
    return std::move(out_);
  }

 private:
  // A withheld member matches no expected place: its segment holds a name no member has.
  void descend(std::size_t index, place &at, const std::string &text) {
    for (const std::size_t c : nodes_[index].children) {
      const node &n = nodes_[c];
      at.push_back(n.withheld ? segment{false, std::string(1, '\0')} : n.seg);
      const std::string child_text = place_text(text, n);
      const bool named = std::find(expected_.begin(), expected_.end(), at) != expected_.end();
      const bool parent = std::any_of(expected_.begin(), expected_.end(),
                                      [&](const place &e) { return is_prefix(at, e); });
      if (parent) {
        descend(c, at, child_text);
      } else if (!named) {
        if (out_.size() < max_unknown) {
          out_.push_back(child_text);
        } else {
          ++more_;
        }
      }
      at.pop_back();
    }
  }

  const std::vector<node> &nodes_;
  const std::vector<place> &expected_;
  std::vector<std::string> out_;
  std::size_t more_ = 0;
};

}  // namespace

bool looks_like_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || has_digit_run(name)) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0)) {
      return false;
    }
  }
  return true;
}

bool safe_code(std::string_view code) {
  if (code.empty() || code.size() > 64 || has_digit_run(code)) {
    return false;
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    const bool other = (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!(alpha || (i != 0 && other))) {
      return false;
    }
  }
  return true;
}

shape_reading read_shape(const json::value &document, const std::vector<place> &expected,
                         const std::vector<std::string> &profile_names) {
  shape_walk walk(profile_names);
  walk.visit(document, 0, none);
  shape_printer printer(walk.nodes());
  shape_reading out;
  out.lines = printer.print();
  if (walk.overflowed()) {
    out.lines.push_back("… at least " + std::to_string(printer.hidden() + 1) +
                        " more places not shown");
  } else if (printer.hidden() != 0) {
    out.lines.push_back("… " + std::to_string(printer.hidden()) + " more places not shown");
  }
  out.unknown = unknown_finder(walk.nodes(), expected).find();
  return out;
}

}  // namespace ssrlink::ets::wire::probe_internal
