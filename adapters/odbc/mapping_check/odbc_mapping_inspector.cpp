#include "odbc/mapping_check/odbc_mapping_inspector.hpp"

#include "odbc/mapping_check/plan_explainer.hpp"
#include "odbc/mapping_check/view_reader.hpp"

namespace ssrlink::odbc {
namespace {

std::vector<std::string_view> names(const std::vector<read_column> &columns) {
  std::vector<std::string_view> out;
  out.reserve(columns.size());
  for (const read_column &column : columns) {
    out.push_back(column.name);
  }
  return out;
}

// The contract columns of each view (docs/dba-guide.md, section 4), in the order they are read.
const std::vector<read_column> &student_columns() {
  static const std::vector<read_column> columns{
      {"student_id", "student_id"},
      {"school_code", "school_code"},
      {"ssid", "ssid"},
      {"correspondence_language", "correspondence_language"},
      {"grade", "grade"},
      {"do_not_release", "do_not_release"},
      {"hide_contact", "hide_contact"},
      {"tag", "tag"},
      // As the sweep reads it (view_statements.hpp).
      {"leave_date", "CAST(leave_date AS VARCHAR(10))"},
      {"portal_user", "portal_user"}};
  return columns;
}

// Every contract column of ssrlink_student, probed: those streamed, then the names (schema
// version 6), which are not streamed because no rule judges their values (any text, or none,
// is a name).
std::vector<std::string_view> student_probe() {
  std::vector<std::string_view> out = names(student_columns());
  out.insert(out.end(), {"first_name", "last_name"});
  return out;
}

const std::vector<read_column> &contact_columns() {
  static const std::vector<read_column> columns{
      {"student_id", "student_id"}, {"contact_sequence", "contact_sequence"},
      {"email", "email"},           {"educational_rights", "educational_rights"},
      {"language", "language"},     {"hide_contact", "hide_contact"}};
  return columns;
}

const std::vector<read_column> &school_columns() {
  static const std::vector<read_column> columns{
      {"school_code", "school_code"}, {"name", "name"}, {"cds", "cds"}};
  return columns;
}

const std::vector<read_column> &link_columns() {
  static const std::vector<read_column> columns{{"user_id", "user_id"},
                                                {"student_id", "student_id"},
                                                {"contact_sequence", "contact_sequence"}};
  return columns;
}

// The report's "dialect": the folder name of sql/ (dialect_folder), "other" for an engine the
// plugin has no scripts for.
std::string_view dialect_name(dialect d) {
  return d == dialect::other ? std::string_view("other") : dialect_folder(d);
}

// The rows are streamed only when the key the tally orders by is there.
bool has_all(const core::view_observation &view, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    if (!view.has_column(key)) {
      return false;
    }
  }
  return true;
}

class odbc_mapping_inspector final : public core::mapping_inspector {
 public:
  explicit odbc_mapping_inspector(std::shared_ptr<connection_pool> pool) : pool_(std::move(pool)) {}

  core::mapping_observations observe(std::optional<std::int64_t> sample_student_id) override {
    static const db_action action{"check the mapping of the ssrlink_* views", {}};
    core::mapping_observations seen;
    pool_->run(action, [&](connection &c) {
      seen = {};  // the pool may run this twice after a lost connection
      observe_on(c, sample_student_id, seen);
    });
    return seen;
  }

 private:
  static void observe_on(connection &c, std::optional<std::int64_t> requested,
                         core::mapping_observations &seen) {
    seen.dialect = std::string(dialect_name(c.sql_dialect()));
    seen.student_view = probe_view(c, "ssrlink_student", student_probe());
    seen.contact_view = probe_view(c, "ssrlink_contact", names(contact_columns()));
    seen.school_view = probe_view(c, "ssrlink_school", names(school_columns()));
    seen.link_view = probe_view(c, "ssrlink_portal_link", names(link_columns()));
    for (core::view_observation *view :
         {&seen.student_view, &seen.contact_view, &seen.school_view, &seen.link_view}) {
      if (view->exists) {
        view->definition = view_definition(c, view->name);
      }
    }
    std::optional<std::int64_t> first_student;
    if (has_all(seen.student_view, {"student_id"})) {
      stream_view(c, seen.student_view, "ssrlink_student", student_columns(), "student_id",
                  [&](const std::vector<core::cell> &r) {
                    seen.students.add({r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]});
                    if (!first_student) {
                      first_student = integer_cell(r[0]);
                    }
                  });
    }
    if (has_all(seen.contact_view, {"student_id", "contact_sequence"})) {
      stream_view(c, seen.contact_view, "ssrlink_contact", contact_columns(),
                  "student_id, contact_sequence", [&](const std::vector<core::cell> &r) {
                    seen.contacts.add({r[0], r[1], r[2], r[3], r[4], r[5]});
                  });
    }
    if (has_all(seen.school_view, {"school_code"})) {
      stream_view(c, seen.school_view, "ssrlink_school", school_columns(), "school_code",
                  [&](const std::vector<core::cell> &r) {
                    seen.schools.add({r[0], r[1], r[2]});
                  });
    }
    if (has_all(seen.link_view, {"student_id", "contact_sequence"})) {
      stream_view(c, seen.link_view, "ssrlink_portal_link", link_columns(),
                  "student_id, contact_sequence", [&](const std::vector<core::cell> &r) {
                    seen.links.add({r[0], r[1], r[2]});
                  });
      if (has_all(seen.contact_view, {"student_id", "contact_sequence"})) {
        find_orphans(c, seen);
      }
    }
    const plan_samples samples = pick_samples(c, requested, first_student);
    seen.sample_student_id = samples.student_id;
    explain_statements(c, samples, seen);
  }

  // Links naming a contact ssrlink_contact lacks, found by the database (an anti-join), so no
  // set of contacts is ever held in memory.
  static void find_orphans(connection &c, core::mapping_observations &seen) {
    core::view_observation anti = seen.link_view;
    anti.rows_read = false;
    stream_view(c, anti,
                "ssrlink_portal_link l WHERE NOT EXISTS (SELECT 1 FROM ssrlink_contact c "
                "WHERE c.student_id = l.student_id AND c.contact_sequence = l.contact_sequence)",
                {{"student_id", "l.student_id"}, {"contact_sequence", "l.contact_sequence"}},
                "l.student_id, l.contact_sequence",
                [&](const std::vector<core::cell> &r) { seen.links.add_orphan(r[0], r[1]); });
    seen.orphans_checked = anti.rows_read;
  }

  std::shared_ptr<connection_pool> pool_;
};

}  // namespace

std::unique_ptr<core::mapping_inspector> make_mapping_inspector(
    std::shared_ptr<connection_pool> pool) {
  return std::make_unique<odbc_mapping_inspector>(std::move(pool));
}

}  // namespace ssrlink::odbc
