// A bounded pool of ODBC connections, opened lazily on first use so that the plugin opens while
// the database is down. Work runs on a leased connection; a connection found dead (08xxx,
// 57P01, ...) is discarded and the work retried once on a fresh one. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/ports/logger.hpp"
#include "odbc/connection.hpp"
#include "odbc/diagnostics.hpp"
#include "odbc/environment.hpp"

namespace ssrlink::odbc {

struct pool_options {
  unsigned size = 8;                                 // connections at most
  std::chrono::milliseconds acquire_timeout{10000};  // wait for a free connection, then fail
  connection_options connect;
};

// A table or view a piece of work reads or writes, named in the message when it is missing.
struct db_object {
  std::string_view name;  // "ssrlink_student"
  std::string_view kind;  // "view" or "table"
  // The migration that brought it, when it came after the first schema ("0003_viewers.sql"):
  // the message then tells a DBA with an older database what to run.
  std::string_view migration = {};
};

// A column that came with a later schema version, named in the message when it is missing.
struct db_column {
  std::string_view object;     // "ssrlink_student"
  std::string_view name;       // "portal_user"
  std::string_view migration;  // "0003_viewers.sql"
};

// What a piece of work is, for the sentence a person reads when it fails.
struct db_action {
  std::string_view what;  // "look up the student": "The database could not look up the student"
  std::vector<db_object> objects;
  std::vector<db_column> columns = {};
};

class connection_pool {
 public:
  // `log` must outlive the pool. Opens nothing yet.
  connection_pool(std::string connection_string, pool_options options, core::logger &log);
  ~connection_pool();
  connection_pool(const connection_pool &) = delete;
  connection_pool &operator=(const connection_pool &) = delete;

  // A connection held by one thread; returned to the pool when destroyed.
  class lease {
   public:
    lease(lease &&other) noexcept;
    lease &operator=(lease &&) = delete;
    ~lease();
    connection &operator*() const noexcept { return *connection_; }
    connection *operator->() const noexcept { return connection_.get(); }
    // Closes the connection instead of returning it (it is broken).
    void discard() noexcept;

   private:
    friend class connection_pool;
    lease(connection_pool &pool, std::unique_ptr<connection> c) noexcept;
    connection_pool *pool_;
    std::unique_ptr<connection> connection_;
  };

  // A free connection, a new one while fewer than `size` are open, or after waiting up to
  // acquire_timeout: failure(database) "All N database connections are busy ...". Connecting
  // may throw database_error "Cannot connect to the database ...".
  lease acquire();

  // Runs `work` on a leased connection. Driver errors become failure(database) sentences: a
  // missing table or view is named with the script to run; a dropped connection is discarded
  // with every idle one (a restarted server kills them all) and `work` runs once more on a
  // fresh connection, so `work` must be safe to repeat.
  // Inside a pinned_scope on this thread, `work` runs on the pinned connection instead, once:
  // the scope's owner (odbc_transaction_scope) decides what a failed transaction means.
  void run(const db_action &action, const std::function<void(connection &)> &work);

  // While it lives, every run() of this pool on the constructing thread uses `pinned`, so the
  // work of several ports lands in one transaction. Not nestable; destroyed on the same thread.
  // Work run inside must not begin or end a transaction of its own (manual_transaction would
  // commit the pinned one early): only ports whose writes are single statements belong there.
  class pinned_scope {
   public:
    pinned_scope(const connection_pool &pool, connection &pinned) noexcept;
    ~pinned_scope();
    pinned_scope(const pinned_scope &) = delete;
    pinned_scope &operator=(const pinned_scope &) = delete;
  };

  // For tests and diagnostics: statements executed and connections opened so far.
  std::uint64_t statements_executed() const noexcept { return executed_.load(); }
  std::uint64_t connections_opened() const noexcept { return opened_.load(); }
  unsigned size() const noexcept { return options_.size; }

 private:
  void give_back(std::unique_ptr<connection> c) noexcept;
  void forget_one() noexcept;
  void discard_idle() noexcept;
  [[noreturn]] void translate(const db_action &action, const database_error &error, dialect d);

  std::string connection_string_;
  pool_options options_;
  core::logger &log_;
  std::shared_ptr<environment> env_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::deque<std::unique_ptr<connection>> idle_;
  unsigned open_ = 0;  // idle plus leased plus being opened
  std::atomic<std::uint64_t> executed_{0};
  std::atomic<std::uint64_t> opened_{0};
};

}  // namespace ssrlink::odbc
