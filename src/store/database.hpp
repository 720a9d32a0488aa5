#pragma once
// The database: a pool of SOCI sessions on SQLite or PostgreSQL, and transactions. Everything that runs SQL goes
// through here (and lives in src/store/). soci.h stays out of this header so that services compile fast.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/error.hpp"

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
  // Group commit (SQLite): write transactions committed and the COMMITs (batches) that carried them.
  std::int64_t grouped_writes = 0;
  std::int64_t write_batches = 0;
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
    void replace(SessionPtr s) { s_ = std::move(s); }  // a new connection in the same pool slot

   private:
    Database* db_;
    SessionPtr s_;
    bool broken_ = false;
  };

  // Waits for a free connection, at most the pool timeout. Throws Error(unavailable) (503, Retry-After: 1) when
  // none frees up in time or the database cannot be reached: a busy pool never hangs a request thread.
  Connection acquire();

  // Runs f(soci::session&) as one write transaction: it commits when f returns and changes nothing when f throws.
  // Returns only once the change is durable (synchronous=FULL on SQLite).
  //   PostgreSQL: BEGIN … COMMIT on a pooled connection; the server groups concurrent commits itself.
  //   SQLite: group commit. Writes queue in-process for one writer thread with its own connection, which takes
  //   every queued write at once, runs each inside `SAVEPOINT request` of one BEGIN IMMEDIATE transaction (a
  //   write that throws rolls back only its savepoint), COMMITs once (one fsync for the batch) and then answers
  //   them all. Writers never meet SQLite's busy handler, and a write waits at most the pool timeout (but at least
  //   the 5 s busy timeout) to start, then Error(unavailable), 503. f runs on the writer thread, so it must not
  //   wait for another request; a write inside a write runs inline in a nested savepoint.
  // A unique or foreign-key violation raised by the database (a race past a service's pre-check) leaves as the
  // same Error as the pre-check would have raised (store/constraints.hpp), never as a driver exception.
  template <class F>
  auto write(F&& f) {
    Timed timed(true);
    end_shared_read();  // outside a read: later reads must see this write (RequestScope)
    if (dialect_ == Dialect::postgres) return transaction(true, std::forward<F>(f));
    using Result = decltype(f(std::declval<soci::session&>()));
    if constexpr (std::is_void_v<Result>) {
      submit_write(&run_write<F>, const_cast<void*>(static_cast<const void*>(&f)));
    } else {
      std::optional<Result> result;
      auto job = [&](soci::session& s) { result.emplace(f(s)); };
      submit_write(&run_write<decltype(job)>, &job);
      return std::move(*result);
    }
  }
  // A read-only transaction: one consistent snapshot for multi-query reads. Inside a RequestScope of this thread,
  // the scope's shared read transaction.
  template <class F>
  auto read(F&& f) {
    Timed timed(false);
    if (RequestScope* scope = RequestScope::current(*this)) return scope->read(std::forward<F>(f));
    return transaction(false, std::forward<F>(f));
  }

  // One read transaction per request (issue 11). A request reads its actor (front/), then what it shows, often in
  // several service calls; each read used to take a pooled connection, BEGIN and COMMIT of its own, and handing
  // connections between 30-odd request threads cost more than most of the queries. While a RequestScope lives on
  // a thread, the reads of that thread share one pooled connection, taken by the first of them:
  //   - SQLite: one read transaction on it, so the whole request reads one snapshot;
  //   - PostgreSQL: no transaction at all. Under READ COMMITTED each statement of a transaction reads its own
  //     snapshot anyway, so BEGIN and COMMIT bought nothing but two of a list's five round trips. A pooled
  //     connection found dead by the scope's first read (a restarted server) is replaced and that read run again,
  //     as begin() does for a transaction.
  // The scope ends (COMMIT on SQLite, connection back to the pool):
  //   - when the scope ends (the request is answered);
  //   - before a write, so that what the request reads after its write sees it (the write itself runs as
  //     before: group commit on SQLite, its own pooled transaction on PostgreSQL — a request never holds two
  //     connections, so a full pool cannot deadlock);
  //   - when a read inside it throws (PostgreSQL refuses every later statement of a failed transaction);
  //   - on end_shared_read(), called by a use case before something slow that needs no database (a password
  //     hash, a PDF), so it does not hold a connection others wait for.
  // Scopes nest (an inner one is a no-op); reads on other threads (the writer, jobs) are not affected.
  class RequestScope {
   public:
    explicit RequestScope(Database& db);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;
    // The scope of this thread for db, if any.
    static RequestScope* current(Database& db);

   private:
    friend class Database;
    template <class F>
    auto read(F&& f) {
      for (;;) {  // twice when the first read finds its pooled connection dead (reconnected())
        soci::session& s = enter();
        try {
          if constexpr (std::is_void_v<decltype(f(s))>) {
            f(s);
            succeeded();
            return;
          } else {
            auto result = f(s);
            succeeded();
            return result;
          }
        } catch (...) {
          leave();
          if (depth_ == 0 && reconnected()) continue;  // a read changes nothing: run it again
          if (depth_ > 0) db_.rethrow_translated(&s);
          // The outermost read: translated while the connection is still this scope's, then the transaction ends.
          std::exception_ptr translated;
          try {
            db_.rethrow_translated(&s);
          } catch (...) {
            translated = std::current_exception();
          }
          end(false);
          std::rethrow_exception(translated);
        }
      }
    }
    soci::session& enter();  // the shared connection (and transaction), taken if needed; one level deeper
    void leave() noexcept { --depth_; }
    void succeeded() noexcept {  // leave() after a read that worked: the connection is known to live
      --depth_;
      untried_ = false;
    }
    // After the outermost read failed: whether its connection was a pooled one the server had dropped, now
    // replaced by a new one (PostgreSQL, first read of the scope only). Throws Error(unavailable) when the server
    // does not answer.
    bool reconnected();
    void end(bool commit) noexcept;  // ends the shared transaction (if any) and returns the connection

    Database& db_;
    bool active_;  // false for a scope nested in another of the same database
    std::optional<Connection> connection_;
    int depth_ = 0;  // reads of this scope running now (a read inside a read)
    bool untried_ = false;  // PostgreSQL: the connection was just taken from the pool, no read has ended on it yet
  };
  // Ends this thread's shared read transaction now (see RequestScope); the next read begins a new one.
  void end_shared_read();

  // SELECT 1 on a fresh or pooled connection; false when the database does not answer.
  bool ping();
  PoolStats stats() const;
  // SQLite: folds the WAL into the main file (at shutdown). No-op on PostgreSQL. Returns false (and logs a
  // warning) when it failed; the WAL stays valid and is folded in at the next start.
  bool checkpoint();

 private:
  // Observes the5hc_db_query_duration_seconds{kind="read"|"write"} when a read or write ends (success or not): the
  // time a caller waits for its transaction, queueing for a connection or the group commit included.
  struct Timed {
    explicit Timed(bool write) : write(write) {}
    ~Timed();
    Timed(const Timed&) = delete;
    Timed& operator=(const Timed&) = delete;
    bool write;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  };
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
      rethrow_translated(&c.sql());
    }
  }
  // Group commit (SQLite): a queued write, run and answered by the writer thread (database.cpp).
  struct WriteJob {
    void (*run)(void* f, soci::session& s);
    void* f;
    bool started = false;
    bool done = false;
    std::exception_ptr error;
  };
  template <class F>
  static void run_write(void* f, soci::session& s) {
    (*static_cast<std::remove_reference_t<F>*>(f))(s);
  }
  // Queues the job and waits until its batch has committed; rethrows its exception (translated).
  void submit_write(void (*run)(void*, soci::session&), void* f);
  void writer_loop();
  void run_batch(SessionPtr& s, const std::vector<WriteJob*>& batch);

  // Inside a catch block: rethrows the current exception, a constraint violation translated to its Error and a
  // storage failure (disk full, read-only, connection lost: store/storage_errors.hpp) to a 503. `s`: the session
  // it happened on, asked whether it is still connected (PostgreSQL reports a lost connection without SQLSTATE).
  [[noreturn]] void rethrow_translated(soci::session* s = nullptr);
  // The 503 for a storage failure (its cause logged for the operator), nullopt for any other exception.
  std::optional<Error> storage_error_of(std::exception_ptr e, soci::session* s = nullptr, bool log_cause = true);
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

  // The writer (SQLite): its queue, guarded by mutex_; started by the first write, stopped by the destructor.
  std::deque<WriteJob*> queued_;
  std::condition_variable write_queued_, write_done_;
  std::thread writer_;
  bool stopping_ = false;
  std::int64_t grouped_writes_ = 0, write_batches_ = 0;
};

}  // namespace the5hc::store
