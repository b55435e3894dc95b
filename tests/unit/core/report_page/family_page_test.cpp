// The family page (report_page_service rules 6 to 11) over in-memory ports: a parent without
// student_id gets one answer per linked child, each exactly the single page's, with one audit
// row per child (one row with student_id 0 when there is no child, no permission or a failed
// read), the privacy rules per child, the instructions once, and the children's pages side by
// side.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "core/i18n/ui_text.hpp"
#include "core/render/text_safety.hpp"
#include "core/report_page/report_page_service.hpp"
#include "html_search.hpp"
#include "service_fixture.hpp"

namespace ssrlink::test {
namespace {

const std::string family_parent = R"({"role": "parent", "user_id": "p-1", "permitted": true})";

using ssrlink::testing::contains;
using ssrlink::testing::count;

std::string family_request(const std::string &viewer_json = family_parent,
                           const std::string &extra = "") {
  return "{\"viewer\": " + viewer_json + extra + "}";
}

std::string said(ui_text id, ui_language language = ui_language::en) {
  return std::string(text(id, language));
}

// The fixture's student 1001 ("Ana", contact 1 with rights, linked to p-1) and a sibling 1002
// ("Luis", SSID 2222222222, contact 1 with rights, linked to p-1).
struct family_fixture : service_fixture {
  family_fixture() {
    directory.names[1001] = {"Ana", "Lopez"};
    add_student(1002, "2222222222", "Luis");
    directory.portal_links.insert({"p-1", {1002, 1}});
  }

  void add_student(std::int64_t id, const std::string &ssid, const std::string &first_name,
                   bool rights = true) {
    student_facts s = directory.students.at(1001);
    s.student_id = id;
    s.ssid = ssid;
    directory.students[id] = s;
    contact_facts c = directory.contacts.at(1001).front();
    c.educational_rights = rights;
    directory.contacts[id] = {c};
    directory.names[id] = {first_name, "Lopez"};
  }

  std::vector<audit_entry> rows_by_student() const {
    auto rows = audit.entries();
    std::sort(rows.begin(), rows.end(), [](const audit_entry &a, const audit_entry &b) {
      return a.student_id < b.student_id;
    });
    return rows;
  }
};

const boost::json::object &student(const boost::json::object &result, std::size_t i) {
  return result.at("students").as_array().at(i).as_object();
}

// The section of the i-th (0-based) child in the family page's HTML.
std::string section(const boost::json::object &result, std::size_t i) {
  const std::string html = str(result.at("html"));
  std::size_t at = 0;
  for (std::size_t n = 0; n <= i; ++n) {
    at = html.find("<section class=\"ssrlink-student\"", n == 0 ? 0 : at + 1);
    if (at == std::string::npos) {
      return {};
    }
  }
  return html.substr(at, html.find("</section>", at) - at);
}

TEST(family_page, lists_every_linked_child_in_order_with_the_contract_keys) {
  family_fixture fx;
  const auto result = fx.run(family_request());
  EXPECT_EQ(str(result.at("outcome")), "family");
  ASSERT_EQ(result.at("students").as_array().size(), 2U);
  const auto &ana = student(result, 0);
  EXPECT_EQ(ana.size(), 5U);
  EXPECT_EQ(ana.at("student_id").as_int64(), 1001);
  EXPECT_EQ(str(ana.at("first_name")), "Ana");
  EXPECT_EQ(str(ana.at("outcome")), "reports");
  EXPECT_TRUE(ana.at("message").is_null());
  EXPECT_EQ(ana.at("reports").as_array().size(), 3U);
  EXPECT_EQ(student(result, 1).at("student_id").as_int64(), 1002);
  EXPECT_EQ(str(student(result, 1).at("first_name")), "Luis");
  EXPECT_TRUE(result.at("instructions").is_null());
  EXPECT_TRUE(contains(section(result, 0), ">Ana</h3>"));
  EXPECT_TRUE(contains(section(result, 1), ">Luis</h3>"));
  // The last name is not the page's business: only the first name tells siblings apart.
  EXPECT_FALSE(contains(str(result.at("html")), "Lopez"));
}

TEST(family_page, each_child_gets_exactly_what_its_own_page_gives) {
  family_fixture fx;
  fx.directory.students[1002].do_not_release = true;
  const auto family = fx.run(family_request());
  for (const std::int64_t id : {1001, 1002}) {
    family_fixture single;
    single.directory.students[1002].do_not_release = true;
    const auto page = single.run(request_as(family_parent, id));
    const auto &member = student(family, id == 1001 ? 0 : 1);
    EXPECT_EQ(member.at("outcome"), page.at("outcome")) << id;
    EXPECT_EQ(member.at("message"), page.at("message")) << id;
    EXPECT_EQ(member.at("reports"), page.at("reports")) << id;
  }
}

TEST(family_page, one_audit_row_per_child_as_its_own_page_writes) {
  family_fixture fx;
  fx.directory.students[1002].do_not_release = true;
  fx.run(family_request());
  const auto rows = fx.rows_by_student();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].student_id, 1001);
  EXPECT_EQ(rows[0].role, "parent");
  EXPECT_EQ(rows[0].user_id, "p-1");
  EXPECT_EQ(rows[0].outcome, "reports");
  EXPECT_EQ(rows[0].contact_sequence, 1);
  EXPECT_EQ(boost::json::parse(rows[0].offered).as_array().size(), 3U);
  EXPECT_EQ(rows[1].student_id, 1002);
  EXPECT_EQ(rows[1].outcome, "denied");
  EXPECT_EQ(rows[1].reason, "do_not_release");
  EXPECT_EQ(rows[1].offered, "[]");
  EXPECT_NE(rows[0].call_key, rows[1].call_key);
  // The parent was offered the reports of the child whose page showed them, and only those.
  EXPECT_EQ(fx.offered.calls().size(), 1U);
}

TEST(family_page, do_not_release_asks_the_school_in_that_childs_section_only) {
  family_fixture fx;
  fx.directory.students[1002].do_not_release = true;
  const auto result = fx.run(family_request());
  EXPECT_EQ(str(student(result, 1).at("outcome")), "denied");
  EXPECT_EQ(str(student(result, 1).at("message")), said(ui_text::tests_inaccessible));
  EXPECT_TRUE(student(result, 1).at("reports").as_array().empty());
  EXPECT_TRUE(contains(section(result, 1), "Please ask the school for a copy."));
  EXPECT_FALSE(contains(section(result, 1), "ssrlink-button"));
  EXPECT_FALSE(contains(section(result, 0), "role=\"alert\""));
  EXPECT_TRUE(contains(section(result, 0), "ssrlink-button"));
}

TEST(family_page, hide_contact_info_of_the_contact_asks_the_school_for_that_child) {
  family_fixture fx;
  fx.directory.contacts[1001].front().hide_contact = true;
  const auto result = fx.run(family_request());
  EXPECT_EQ(str(student(result, 0).at("message")), said(ui_text::tests_inaccessible));
  EXPECT_EQ(str(student(result, 1).at("outcome")), "reports");
}

TEST(family_page, a_relative_without_rights_gets_the_one_refusal_sentence) {
  family_fixture fx;
  fx.add_student(1003, "3333333333", "Mia", /*rights=*/false);
  fx.directory.students[1003].do_not_release = true;  // never told to someone not entitled
  fx.directory.portal_links.insert({"p-1", {1003, 1}});
  const auto result = fx.run(family_request());
  ASSERT_EQ(result.at("students").as_array().size(), 3U);
  const auto &mia = student(result, 2);
  EXPECT_EQ(str(mia.at("outcome")), "denied");
  EXPECT_EQ(str(mia.at("message")), said(ui_text::not_permitted));
  const auto rows = fx.rows_by_student();
  EXPECT_EQ(rows.at(2).reason, "parent_without_educational_rights");
}

TEST(family_page, a_deleted_contacts_child_and_other_accounts_children_are_not_listed) {
  family_fixture fx;
  fx.add_student(1004, "4444444444", "Zed");
  fx.directory.portal_links.insert({"p-2", {1004, 1}});  // another account's child
  fx.add_student(1005, "5555555555", "Gone");
  fx.directory.portal_links.insert({"p-1", {1005, 7}});  // contact 7 was deleted
  const auto result = fx.run(family_request());
  const std::string html = str(result.at("html"));
  ASSERT_EQ(result.at("students").as_array().size(), 2U);
  EXPECT_FALSE(contains(html, "Zed"));
  EXPECT_FALSE(contains(html, "Gone"));
  for (const auto &row : fx.audit.entries()) {
    EXPECT_TRUE(row.student_id == 1001 || row.student_id == 1002) << row.student_id;
  }
}

TEST(family_page, an_account_without_children_gets_an_empty_family_and_one_row) {
  family_fixture fx;
  const auto result = fx.run(family_request(R"({"role": "parent", "user_id": "stranger",
                                               "permitted": true})"));
  EXPECT_EQ(str(result.at("outcome")), "family");
  EXPECT_TRUE(result.at("students").as_array().empty());
  EXPECT_TRUE(result.at("instructions").is_null());
  // The sentence as the page escapes it (its apostrophe is &#39;).
  EXPECT_TRUE(contains(str(result.at("html")), html_escape(said(ui_text::family_no_students))));
  ASSERT_EQ(fx.audit.entries().size(), 1U);
  const auto row = fx.audit.entries().front();
  EXPECT_EQ(row.student_id, 0);
  EXPECT_EQ(row.outcome, "family");
  EXPECT_EQ(row.role, "parent");
  EXPECT_EQ(row.user_id, "stranger");
  EXPECT_EQ(row.reason, "");
  EXPECT_EQ(row.offered, "[]");
  EXPECT_EQ(fx.ets.calls(), 0);
}

TEST(family_page, the_empty_family_sentence_is_spanish_on_a_spanish_page) {
  family_fixture fx;
  const auto result = fx.run(family_request(
      R"({"role": "parent", "user_id": "nobody", "permitted": true})", R"(, "ui_language": "es")"));
  EXPECT_TRUE(contains(str(result.at("html")),
                       html_escape(said(ui_text::family_no_students, ui_language::es))));
  EXPECT_TRUE(contains(str(result.at("html")), "lang=\"es\""));
}

TEST(family_page, without_permission_nothing_is_read_and_the_refusal_is_audited) {
  family_fixture fx;
  const auto result =
      fx.run(family_request(R"({"role": "parent", "user_id": "p-1", "permitted": false})"));
  EXPECT_EQ(str(result.at("outcome")), "denied");
  EXPECT_EQ(str(result.at("message")), said(ui_text::not_permitted));
  EXPECT_TRUE(result.at("students").as_array().empty());
  EXPECT_FALSE(contains(str(result.at("html")), "Ana"));
  EXPECT_EQ(fx.directory.binding_reads(), 0);
  EXPECT_EQ(fx.directory.fact_reads(), 0);
  ASSERT_EQ(fx.audit.entries().size(), 1U);
  EXPECT_EQ(fx.audit.entries().front().student_id, 0);
  EXPECT_EQ(fx.audit.entries().front().outcome, "denied");
  EXPECT_EQ(fx.audit.entries().front().reason, "no_permission");
}

TEST(family_page, other_roles_without_student_id_are_refused_naming_it) {
  for (const std::string viewer :
       {R"({"role": "staff", "user_id": "s-9", "permitted": true})",
        R"({"role": "admin", "user_id": "a-1"})",
        R"({"role": "student", "user_id": "s-1", "student_id": 1001, "permitted": true})",
        R"({"role": "teacher", "user_id": "t-1", "school_codes": ["100"], "permitted": true})"}) {
    family_fixture fx;
    auto svc = fx.service();
    try {
      svc.handle(family_request(viewer));
      ADD_FAILURE() << "expected a refusal for " << viewer;
    } catch (const failure &error) {
      EXPECT_EQ(error.code(), status::invalid_argument);
      EXPECT_TRUE(contains(error.what(), "student_id")) << error.what();
    }
    EXPECT_TRUE(fx.audit.entries().empty());
  }
}

TEST(family_page, a_null_student_id_is_a_family_request_too) {
  family_fixture fx;
  const auto result = fx.run(R"({"student_id": null, "viewer": )" + family_parent + "}");
  EXPECT_EQ(str(result.at("outcome")), "family");
}

TEST(family_page, a_failed_read_of_the_links_fails_like_a_single_page_and_is_audited) {
  family_fixture fx;
  fx.directory.fail_every_read();
  auto svc = fx.service();
  try {
    svc.handle(family_request());
    FAIL() << "expected a failure";
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::database);
  }
  ASSERT_EQ(fx.audit.entries().size(), 1U);
  EXPECT_EQ(fx.audit.entries().front().student_id, 0);
  EXPECT_EQ(fx.audit.entries().front().outcome, "error");
}

TEST(family_page, no_links_without_the_audit_rows) {
  family_fixture fx;
  fx.audit.fail_every_write();
  auto svc = fx.service();
  try {
    svc.handle(family_request());
    FAIL() << "expected a failure";
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::database);
    EXPECT_TRUE(contains(error.what(), "access record"));
    EXPECT_FALSE(contains(error.what(), "https"));
  }
}

// A credential resolver whose lookup for one school fails as a database would.
class failing_for_school final : public credential_resolver {
 public:
  explicit failing_for_school(credential_resolver &inner) : inner_(inner) {}
  std::optional<resolved_credentials> for_school(std::string_view school_code) override {
    if (school_code == "666") {
      throw failure(status::database, "The credentials table could not be read.");
    }
    return inner_.for_school(school_code);
  }

 private:
  credential_resolver &inner_;
};

TEST(family_page, one_childs_failure_fails_the_page_after_every_child_is_audited) {
  family_fixture fx;
  fx.directory.students[1002].school_code = "666";
  failing_for_school credentials(fx.credentials);
  report_page_service svc({.students = fx.directory,
                           .credentials = credentials,
                           .ets = fx.ets,
                           .shared_cache = fx.store,
                           .audit = fx.audit,
                           .offered = fx.offered,
                           .clock = fx.clock,
                           .log = fx.log,
                           .link_hosts = fx.link_hosts});
  try {
    svc.handle(family_request());
    FAIL() << "expected a failure";
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::database);
  }
  const auto rows = fx.rows_by_student();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].outcome, "reports");
  EXPECT_EQ(rows[1].outcome, "error");
}

TEST(family_page, instructions_are_read_once_and_shown_once) {
  family_fixture fx;
  int reads = 0;
  fx.settings = [&] {
    ++reads;
    district_settings settings;
    settings.parent_instructions["en"] = "Call the office.";
    return settings;
  };
  const auto result = fx.run(family_request());
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(str(result.at("instructions").at("text")), "Call the office.");
  EXPECT_EQ(count(str(result.at("html")), "Call the office."), 1U);
}

TEST(family_page, no_instructions_when_every_child_is_refused) {
  family_fixture fx;
  fx.directory.students[1001].do_not_release = true;
  fx.directory.students[1002].do_not_release = true;
  int reads = 0;
  fx.settings = [&] {
    ++reads;
    district_settings settings;
    settings.parent_instructions["en"] = "Call the office.";
    return settings;
  };
  const auto result = fx.run(family_request());
  EXPECT_EQ(reads, 0);
  EXPECT_TRUE(result.at("instructions").is_null());
  EXPECT_FALSE(contains(str(result.at("html")), "Call the office."));
}

TEST(family_page, the_refresh_link_and_notice_appear_once_for_the_page) {
  family_fixture fx;
  const auto result = fx.run(family_request(family_parent, R"(, "refresh_url": "/family?r=1")"));
  const std::string html = str(result.at("html"));
  EXPECT_EQ(count(html, "href=\"/family?r=1\""), 1U);
  EXPECT_EQ(count(html, "role=\"status\""), 1U);
  EXPECT_EQ(count(html, "<details class=\"ssrlink-tip\""), 1U);
}

TEST(family_page, the_contact_sequence_applies_to_each_childs_page) {
  family_fixture fx;
  fx.directory.contacts[1002].front().sequence = 2;
  fx.directory.portal_links = {{"p-1", {1001, 1}}, {"p-1", {1002, 2}}};
  const auto result = fx.run(family_request(
      R"({"role": "parent", "user_id": "p-1", "permitted": true, "contact_sequence": 1})"));
  EXPECT_EQ(str(student(result, 0).at("outcome")), "reports");
  EXPECT_EQ(str(student(result, 1).at("outcome")), "denied");  // as its own page would
}

// An ETS double whose fetches wait (up to a bound) until `expected` are in flight at once, and
// say whether they met: proof that the children's pages ran side by side.
class rendezvous_ets final : public ets_client {
 public:
  rendezvous_ets(ets_client &inner, int expected) : inner_(inner), expected_(expected) {}
  void fetch_reports_async(const ets_credentials &credentials, std::string ssid,
                           reports_callback done) override {
    inner_.fetch_reports_async(credentials, std::move(ssid), std::move(done));
  }
  ets_reports_result fetch_reports(const ets_credentials &credentials,
                                   const std::string &ssid) override {
    {
      std::unique_lock lock(mutex_);
      ++in_flight_;
      arrived_.notify_all();
      if (arrived_.wait_for(lock, std::chrono::seconds(10),
                            [&] { return in_flight_ >= expected_; })) {
        met_ = true;
      }
    }
    return inner_.fetch_reports(credentials, ssid);
  }
  ets_token_result check_credentials(const ets_credentials &credentials) override {
    return inner_.check_credentials(credentials);
  }
  bool met() {
    const std::lock_guard lock(mutex_);
    return met_;
  }

 private:
  ets_client &inner_;
  int expected_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  int in_flight_ = 0;
  bool met_ = false;
};

TEST(family_page, the_childrens_pages_wait_on_ets_side_by_side) {
  family_fixture fx;
  fx.add_student(1003, "3333333333", "Mia");
  fx.directory.portal_links.insert({"p-1", {1003, 1}});
  rendezvous_ets ets(fx.ets, 3);
  report_page_service svc({.students = fx.directory,
                           .credentials = fx.credentials,
                           .ets = ets,
                           .shared_cache = fx.store,
                           .audit = fx.audit,
                           .offered = fx.offered,
                           .clock = fx.clock,
                           .log = fx.log,
                           .link_hosts = fx.link_hosts});
  const auto started = std::chrono::steady_clock::now();
  const call_result result = svc.handle(family_request());
  EXPECT_TRUE(ets.met()) << "the three ETS calls were never in flight together";
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(9));
  EXPECT_EQ(fx.ets.calls(), 3);
  const auto json = boost::json::parse(result.json).as_object();
  for (std::size_t i = 0; i < 3; ++i) {  // the list keeps linked_students order
    EXPECT_EQ(student(json, i).at("student_id").as_int64(), 1001 + static_cast<std::int64_t>(i));
    EXPECT_EQ(str(student(json, i).at("outcome")), "reports");
  }
}

TEST(family_page, a_hostile_first_name_is_escaped_and_an_empty_one_never_shows_the_id) {
  family_fixture fx;
  fx.directory.names[1001] = {"<script>alert(1)</script>", ""};
  fx.directory.names[1002] = {"", ""};
  const auto result = fx.run(family_request());
  const std::string html = str(result.at("html"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;</h3>"));
  EXPECT_EQ(str(student(result, 0).at("first_name")), "<script>alert(1)</script>");
  EXPECT_TRUE(contains(section(result, 1), ">Student 2 of 2</h3>"));
  EXPECT_FALSE(contains(html, "1002"));
}

}  // namespace
}  // namespace ssrlink::test
