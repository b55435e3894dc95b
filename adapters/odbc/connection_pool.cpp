#include "odbc/connection_pool.hpp"

#include <algorithm>
#include <mutex>

#include "core/error.hpp"
#include "core/text/ascii.hpp"
#include "odbc/diagnostics.hpp"

namespace ssrlink::odbc {
namespace {

// The pinned_scope of this thread, if any: which pool and which of its connections.
struct pinned_connection {
  const connection_pool *pool = nullptr;
  connection *c = nullptr;
};
thread_local pinned_connection pinned_here;

// The object the driver's message names, else the first one the work uses.
const db_object *missing_object(const db_action &action, const diagnostics &records) {
  for (const db_object &object : action.objects) {
    for (const diagnostic &d : records) {
      if (core::ascii_contains_ci(d.text, object.name)) {
        return &object;
      }
    }
  }
  return action.objects.empty() ? nullptr : &action.objects.front();
}

// The later column the driver's message names, if the work declared it.
const db_column *missing_column(const db_action &action, const diagnostics &records) {
  for (const db_column &column : action.columns) {
    for (const diagnostic &d : records) {
      if (core::ascii_contains_ci(d.text, column.name)) {
        return &column;
      }
    }
  }
  return nullptr;
}

// One connect or disconnect at a time in the whole process, across every pool. Drivers are not
// all safe while two threads start up a connection at once: psqlODBC calls setlocale(), which is
// not thread-safe, while it connects, so two threads connecting together race inside the C
// library (ThreadSanitizer sees it; in production it can corrupt the heap). Statements still run
// in parallel; only opening and closing wait for each other. The cost: while one connect waits
// for an unreachable server (bounded by the login timeout), other connects wait too.
std::mutex &connect_gate() {
  static std::mutex gate;
  return gate;
}

// Closes connections under the gate (SQLDisconnect, and the driver's unload with the last one).
void close_serialized(std::unique_ptr<connection> c) noexcept {
  if (c) {
    const std::lock_guard gate(connect_gate());
    c.reset();
  }
}

template <typename Container>
void close_all_serialized(Container &connections) noexcept {
  for (auto &c : connections) {
    close_serialized(std::move(c));
  }
  connections.clear();
}

}  // namespace

connection_pool::lease::lease(connection_pool &pool, std::unique_ptr<connection> c) noexcept
    : pool_(&pool), connection_(std::move(c)) {}

connection_pool::lease::lease(lease &&other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)) {}

connection_pool::lease::~lease() {
  if (connection_) {
    pool_->give_back(std::move(connection_));
  }
}

void connection_pool::lease::discard() noexcept {
  if (connection_) {
    close_serialized(std::move(connection_));
    pool_->forget_one();
  }
}

connection_pool::connection_pool(std::string connection_string, pool_options options,
                                 core::logger &log)
    : connection_string_(std::move(connection_string)),
      options_(options),
      log_(log),
      env_(std::make_shared<environment>()) {
  options_.size = std::max(1u, options_.size);
}

connection_pool::~connection_pool() {
  close_all_serialized(idle_);
}

connection_pool::lease connection_pool::acquire() {
  std::unique_lock lock(mutex_);
  const bool ready = available_.wait_for(lock, options_.acquire_timeout,
                                         [&] { return !idle_.empty() || open_ < options_.size; });
  if (!ready) {
    throw core::failure(
        core::status::database,
        "All " + std::to_string(options_.size) +
            " database connections are busy; try again, or raise "
            "db_pool_size if this keeps happening.",
        "pool exhausted after waiting " + std::to_string(options_.acquire_timeout.count()) + " ms");
  }
  if (!idle_.empty()) {
    std::unique_ptr<connection> c = std::move(idle_.front());
    idle_.pop_front();
    return lease(*this, std::move(c));
  }
  ++open_;  // hold the slot while connecting outside the lock
  lock.unlock();
  try {
    std::unique_ptr<connection> c;
    {
      const std::lock_guard gate(connect_gate());
      c = std::make_unique<connection>(env_, connection_string_, options_.connect, &executed_);
    }
    opened_.fetch_add(1);
    return lease(*this, std::move(c));
  } catch (...) {
    forget_one();
    throw;
  }
}

void connection_pool::give_back(std::unique_ptr<connection> c) noexcept {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(c));
  }
  available_.notify_one();
}

void connection_pool::forget_one() noexcept {
  {
    std::lock_guard lock(mutex_);
    --open_;
  }
  available_.notify_one();
}

void connection_pool::discard_idle() noexcept {
  std::deque<std::unique_ptr<connection>> dead;
  {
    std::lock_guard lock(mutex_);
    dead.swap(idle_);
    open_ -= static_cast<unsigned>(dead.size());
  }
  available_.notify_all();
  // Closed outside the pool's lock: disconnecting may block.
  close_all_serialized(dead);
}

connection_pool::pinned_scope::pinned_scope(const connection_pool &pool,
                                            connection &pinned) noexcept {
  pinned_here = {&pool, &pinned};
}

connection_pool::pinned_scope::~pinned_scope() {
  pinned_here = {};
}

void connection_pool::run(const db_action &action, const std::function<void(connection &)> &work) {
  if (pinned_here.pool == this) {
    try {
      work(*pinned_here.c);
      return;
    } catch (const database_error &error) {
      translate(action, error, pinned_here.c->sql_dialect());
    }
  }
  for (int attempt = 0;; ++attempt) {
    lease held = acquire();
    try {
      work(*held);
      return;
    } catch (const database_error &error) {
      const dialect d = held->sql_dialect();
      if (attempt == 0 && is_connection_lost(error.records())) {
        held.discard();
        discard_idle();
        log_.log(core::log_level::warning, "A database connection was lost (SQLSTATE " +
                                               first_sqlstate(error.records()) +
                                               "); reconnecting and trying once more.");
        continue;
      }
      if (is_connection_lost(error.records())) {
        held.discard();
      }
      translate(action, error, d);
    }
  }
}

void connection_pool::translate(const db_action &action, const database_error &error, dialect d) {
  const std::string state = first_sqlstate(error.records());
  const std::string folder = "sql/" + std::string(dialect_folder(d)) + "/";
  if (is_missing_object(error.records())) {
    if (const db_object *object = missing_object(action, error.records())) {
      const std::string script = object->migration.empty()
                                     ? folder + "install.sql"
                                     : folder + "migrations/" + std::string(object->migration);
      std::string message = "The database has no " + std::string(object->kind) + " " +
                            std::string(object->name) + "; run " + script;
      message +=
          object->kind == "view" ? " or map it (docs/dba-guide.md)." : " (docs/dba-guide.md).";
      throw core::failure(core::status::database, message, error.detail());
    }
  }
  if (is_missing_column(error.records())) {
    if (const db_column *column = missing_column(action, error.records())) {
      throw core::failure(core::status::database,
                          "The view " + std::string(column->object) + " has no column " +
                              std::string(column->name) + "; run " + folder + "migrations/" +
                              std::string(column->migration) +
                              ", or add the column to your mapping (docs/dba-guide.md).",
                          error.detail());
    }
  }
  throw core::failure(
      core::status::database,
      "The database could not " + std::string(action.what) + " (SQLSTATE " + state + ").",
      error.detail());
}

}  // namespace ssrlink::odbc
