// What only a server database can show: connections killed under the pool, and the plugin
// working with nothing but the privileges docs/dba-guide.md grants.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "backends.hpp"
#include "core/error.hpp"
#include "odbc/odbc_ports.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

using ::testing::HasSubstr;

TEST(postgres_only, reconnects_after_the_server_kills_every_connection) {
  const std::string cs = postgres_backend::fresh_database();
  const std::string db = postgres_backend::last_database();
  recording_logger log;
  odbc_ports ports = make_odbc_ports(cs, 3, log);
  // Open several connections so the pool holds more than one idle victim.
  {
    auto a = ports.pool->acquire();
    auto b = ports.pool->acquire();
    auto c = ports.pool->acquire();
  }
  ASSERT_TRUE(ports.students->find_student({1003, 2}).has_value());
  const std::uint64_t opened = ports.pool->connections_opened();
  EXPECT_EQ(opened, 3u);

  postgres_backend::server().psql(
      "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db +
                      "' AND pid <> pg_backend_pid()");

  std::optional<core::student_facts> found;
  try {
    found = ports.students->find_student({1003, 2});
  } catch (const core::failure &e) {
    FAIL() << e.what() << " / " << e.detail();
  }
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->contact->email, "zoe.obrien@example.org");
  EXPECT_GT(ports.pool->connections_opened(), opened);
  // Every other port recovers too, without a second retry failing.
  ports.link_cache->put("after", "v", at_ms(10'000), at_ms(0));
  EXPECT_EQ(ports.link_cache->get("after", at_ms(1)), "v");
  bool logged = false;
  for (const std::string &m : log.messages()) {
    logged = logged || m.find("connection was lost") != std::string::npos;
  }
  EXPECT_TRUE(logged);
}

TEST(postgres_only, utf8_round_trips_through_the_unicode_driver) {
  const std::string cs = postgres_backend::fresh_database();
  const std::string db = postgres_backend::last_database();
  // Host data with accents and CJK, read back through the view.
  postgres_backend::server().psql(
      db, "UPDATE CON SET EM = 'zoë.nguyễn.中文@example.org' WHERE PID = 1003 AND SQ = 2");
  recording_logger log;
  odbc_ports ports = make_odbc_ports(cs, 1, log);
  const auto found = ports.students->find_student({1003, 2});
  ASSERT_TRUE(found && found->contact);
  EXPECT_EQ(found->contact->email, "zoë.nguyễn.中文@example.org");
  // And the server stored what we bound, byte for byte (checked by the server, not by us).
  ports.credentials->put({"district", "Zoë 中文", "s", core::day_point{}, at_ms(0)});
  EXPECT_EQ(scalar(*ports.pool,
                   "SELECT COUNT(*) FROM ssrlink_credentials WHERE username = U&'Zo\\00EB "
                   "\\4E2D\\6587'"),
            1);
}

TEST(postgres_only, every_port_works_with_only_the_grants_of_grants_sql) {
  const std::string cs = postgres_backend::fresh_database();
  const std::string db = postgres_backend::last_database();
  test::postgres_server &pg = postgres_backend::server();
  // sql/postgresql/grants.sql, as docs/dba-guide.md ("Least privileges") has the DBA run it,
  // after creating the role. schema_scripts_test checks the file's grants one by one; this test
  // runs every port of the plugin as that role.
  pg.psql(db,
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ssrlink_app') "
          "THEN CREATE ROLE ssrlink_app LOGIN; END IF; END $$;");
  pg.psql_file(db, std::filesystem::path(SSRLINK_SQL_DIR) / "postgresql" / "grants.sql");
  recording_logger log;
  odbc_ports ports = make_odbc_ports(pg.odbc_connection_string(db, "ssrlink_app"), 2, log);
  ASSERT_TRUE(ports.students->find_student({1003, 2}).has_value());
  ports.credentials->put({"district", "u", "s", core::day_point{}, at_ms(0)});
  EXPECT_EQ(ports.credentials->list().size(), 1u);
  ports.link_cache->put("k", "v", at_ms(10), at_ms(0));
  ports.ets_tokens->put("district:1", "sealed", at_ms(10), at_ms(0));
  EXPECT_TRUE(ports.ets_tokens->get("district:1", at_ms(0)).has_value());
  ports.ets_tokens->drop("district:1", "sealed");
  ASSERT_TRUE(ports.students->find_binding({1003, core::binding_kind::parent_account, "p"}));
  ASSERT_TRUE(ports.students->find_binding({1003, core::binding_kind::student_account, ""}));
  core::audit_entry entry;
  entry.role = "admin";
  entry.user_id = "a";
  entry.student_id = 1001;
  entry.page = "test_scores";
  entry.outcome = "reports";
  entry.offered = "[]";
  entry.call_key = "k-1";
  ports.audit->record(entry);
  ports.audit->record(entry);  // a retry: INSERT alone is enough for the duplicate check
  EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_audit"), 1);
  // ...and nothing more: the host's own tables stay out of reach.
  try {
    ports.pool->run({"read STU", {}}, [](connection &c) {
      statement &s = c.prepare("SELECT COUNT(*) FROM STU");
      s.execute({});
    });
    FAIL() << "the plugin's user could read STU directly";
  } catch (const core::failure &e) {
    EXPECT_THAT(e.what(), HasSubstr("SQLSTATE 42501"));
  }
}

}  // namespace
}  // namespace ssrlink::odbc::testing

namespace ssrlink::odbc::testing {
namespace {

// A server that accepts TCP connections (the kernel completes the handshake) and never answers.
class silent_server {
 public:
  silent_server() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
      throw std::runtime_error("could not listen on 127.0.0.1:0");
    }
    port_ = ntohs(address.sin_port);
  }
  ~silent_server() { ::close(fd_); }
  unsigned short port() const { return port_; }

 private:
  int fd_ = -1;
  unsigned short port_ = 0;
};

TEST(postgres_only, the_login_timeout_bounds_a_server_that_never_answers) {
  silent_server silent;
  recording_logger log;
  pool_options options;
  options.size = 1;
  options.connect.login_timeout = std::chrono::seconds(1);
  odbc_ports ports = make_odbc_ports(
      "DRIVER={PostgreSQL Unicode};Server=127.0.0.1;Port=" + std::to_string(silent.port()) +
          ";Database=x;Uid=x;Pwd=secret-password;CommLog=0;Debug=0;",
      options, log);
  const auto started = std::chrono::steady_clock::now();
  try {
    ports.students->find_student({1003, {}});
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_THAT(e.what(), HasSubstr("Cannot connect to the database"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("secret-password")));
    EXPECT_THAT(e.detail(), ::testing::Not(HasSubstr("secret-password")));
  }
  // libpq rounds a connect timeout up to 2 s; allow three times that, far below "forever".
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(6));
}

TEST(postgres_only, the_query_timeout_bounds_a_slow_statement) {
  const std::string cs = postgres_backend::fresh_database();
  recording_logger log;
  pool_options options;
  options.size = 1;
  options.connect.query_timeout = std::chrono::seconds(1);
  odbc_ports ports = make_odbc_ports(cs, options, log);
  const auto started = std::chrono::steady_clock::now();
  try {
    ports.pool->run({"wait", {}}, [](connection &c) {
      statement &s = c.prepare("SELECT pg_sleep(10)");
      s.execute({});
    });
    FAIL() << "expected failure";
  } catch (const core::failure &e) {
    EXPECT_EQ(e.code(), core::status::database);
    EXPECT_THAT(e.what(), HasSubstr("The database could not wait"));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  // The connection is still good afterwards.
  EXPECT_TRUE(ports.students->find_student({1003, {}}).has_value());
}

}  // namespace
}  // namespace ssrlink::odbc::testing
