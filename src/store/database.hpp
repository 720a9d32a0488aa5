#pragma once
// The database: a pool of SOCI sessions on SQLite or PostgreSQL, and transactions. Everything that runs SQL goes
// through here (and lives in src/store/). soci.h stays out of this header so that services compile fast.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

namespace soci {
class session;
}

namespace the5hc {
struct DatabaseUrl;
}

namespace the5hc::store {

enum class Dialect { sqlite, postgres };

// soci::session is incomplete here; its deleter lives in database.cpp.
struct SessionDeleter {
  void operator()(soci::session* s) const;
};
using SessionPtr = std::unique_ptr<soci::session, SessionDeleter>;

struct PoolStats {
  int size = 0;
  int in_use = 0;
  int idle = 0;
};

class Database {
 public:
  // Opens lazily: connections are made on first use, so a server can start (and report 503 on /readyz) while the
  // database is down. SQLite: WAL, synchronous=FULL, foreign_keys=ON, busy_timeout=5000 on every connection.
  // `pool_timeout` bounds the wait for a free connection (DB_POOL_TIMEOUT).
  Database(const DatabaseUrl& url, int pool_size,
           std::chrono::milliseconds pool_timeout = std::chrono::seconds(5));
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  // " FOR UPDATE" on PostgreSQL; SQLite needs none because write transactions hold the database lock.
  const char* for_update() const { return dialect_ == Dialect::postgres ? " FOR UPDATE" : ""; }

  class Connection {
   public:
    Connection(Database& db, SessionPtr s) : db_(&db), s_(std::move(s)) {}
    Connection(Connection&& o) noexcept : db_(o.db_), s_(std::move(o.s_)) {}
    Connection& operator=(Connection&&) = delete;
    ~Connection();
    soci::session& sql() { return *s_; }
    void discard() { broken_ = true; }  // do not return a connection in an unknown state to the pool

   private:
    Database* db_;
    SessionPtr s_;
    bool broken_ = false;
  };

  // Waits for a free connection, at most the pool timeout. Throws Error(unavailable) (503, Retry-After: 1) when
  // none frees up in time or the database cannot be reached: a busy pool never hangs a request thread.
  Connection acquire();

  // Runs f(soci::session&) in a transaction: BEGIN IMMEDIATE on SQLite (a plain BEGIN would fail with SQLITE_BUSY
  // when two writers upgrade at once), BEGIN on PostgreSQL. Commits when f returns, rolls back when it throws.
  // A unique or foreign-key violation raised by the database (a race past a service's pre-check) leaves as the
  // same Error as the pre-check would have raised (store/constraints.hpp), never as a driver exception.
  template <class F>
  auto write(F&& f) {
    return transaction(true, std::forward<F>(f));
  }
  // A read-only transaction: one consistent snapshot for multi-query reads.
  template <class F>
  auto read(F&& f) {
    return transaction(false, std::forward<F>(f));
  }

  // SELECT 1 on a fresh or pooled connection; false when the database does not answer.
  bool ping();
  PoolStats stats() const;
  // SQLite: folds the WAL into the main file (at shutdown). No-op on PostgreSQL. Returns false (and logs a
  // warning) when it failed; the WAL stays valid and is folded in at the next start.
  bool checkpoint();

 private:
  template <class F>
  auto transaction(bool write, F&& f) {
    Connection c = acquire();
    begin(c, write);
    try {
      if constexpr (std::is_void_v<decltype(f(c.sql()))>) {
        f(c.sql());
        commit(c);
      } else {
        auto result = f(c.sql());
        commit(c);
        return result;
      }
    } catch (...) {
      rollback(c);
      rethrow_translated();
    }
  }
  // Inside a catch block: rethrows the current exception, a constraint violation translated to its Error.
  [[noreturn]] void rethrow_translated();
  void begin(Connection& c, bool write);
  void commit(Connection& c);
  void rollback(Connection& c) noexcept;
  SessionPtr open();
  void release(SessionPtr s, bool broken);

  Dialect dialect_;
  std::string connect_string_;
  int size_;
  std::chrono::milliseconds pool_timeout_;
  int in_use_ = 0;
  int opened_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<SessionPtr> idle_;
};

}  // namespace the5hc::store
