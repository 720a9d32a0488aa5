#include "store/database.hpp"

#include "store/pg_statements.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <chrono>
#include <unordered_map>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "config/config.hpp"
#include "store/constraints.hpp"
#include "store/query.hpp"
#include "store/sqlite_memory.hpp"
#include "store/storage_errors.hpp"

namespace the5hc::store {
namespace {
constexpr int kBusyTimeoutMs = 5000;  // PRAGMA busy_timeout: how long SQLite waits for another process's lock
// Transaction control: one round-trip each on PostgreSQL, prepared once per connection on SQLite (store/query.hpp).
void exec_statement(soci::session& s, const std::string& statement) { transaction_control(s, statement); }

// SQLite's process-wide settings, made once before its first connection (sqlite3_config refuses them later).
// MEMSTATUS off: otherwise every sqlite3_malloc and free takes one global mutex to keep a byte count, and with a
// request thread per connection that mutex was among the most contended locks of a read (issue 11). What SQLite
// holds is summed from the open connections instead (sqlite_memory_used below).
// MULTITHREAD: a connection has no mutex of its own. Each one is used by one thread at a time (the pool hands it
// out, the writer owns its own), yet in serialized mode every sqlite3_step and every sqlite3_column_* locked and
// unlocked the connection's mutex: a fifth of a client list's instructions (issue 11).
void configure_sqlite() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

// The open SQLite connections with what each held when last measured, for sqlite_memory_used. Without a
// connection mutex only the thread using a connection may measure it: it does so when it is done with it
// (note_memory), at most once a second.
struct HeldMemory {
  std::int64_t bytes = 0;
  std::chrono::steady_clock::time_point measured{};
};
std::mutex connections_mutex;
std::unordered_map<sqlite_api::sqlite3*, HeldMemory> connections;

void note_memory(sqlite_api::sqlite3* db) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(connections_mutex);
    auto it = connections.find(db);
    if (it == connections.end() || now - it->second.measured < std::chrono::seconds(1)) return;
    it->second.measured = now;
  }
  std::int64_t bytes = 0;  // its page cache, schema and prepared statements
  for (int op : {SQLITE_DBSTATUS_CACHE_USED, SQLITE_DBSTATUS_SCHEMA_USED, SQLITE_DBSTATUS_STMT_USED}) {
    int current = 0, highest = 0;
    if (sqlite_api::sqlite3_db_status(db, op, &current, &highest, 0) == SQLITE_OK) bytes += current;
  }
  std::lock_guard lock(connections_mutex);
  if (auto it = connections.find(db); it != connections.end()) it->second.bytes = bytes;
}

sqlite_api::sqlite3* sqlite_handle_of(soci::session& s) {
  return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
}
}  // namespace

Database::Database(const DatabaseUrl& url, int pool_size, std::chrono::milliseconds pool_timeout)
    : dialect_(url.engine == DatabaseUrl::Engine::postgres ? Dialect::postgres : Dialect::sqlite),
      connect_string_(url.soci_connect()),
      size_(std::max(1, pool_size)),
      pool_timeout_(std::max(std::chrono::milliseconds(0), pool_timeout)) {
  if (dialect_ == Dialect::postgres && url.options.find("connect_timeout") == url.options.end())
    connect_string_ += " connect_timeout=3";
}

Database::~Database() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;  // the writer answers what is queued, then ends
  }
  write_queued_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void SessionDeleter::operator()(soci::session* s) const {
  if (!s) return;
  forget_statements(*s);  // SQLite cannot close a connection that still has prepared statements
  if (s->get_backend_name() == "sqlite3") {
    std::lock_guard lock(connections_mutex);
    connections.erase(sqlite_handle_of(*s));
  }
  delete s;
}

SessionPtr Database::open() {
  try {
    if (dialect_ == Dialect::sqlite) {
      configure_sqlite();
      auto s = SessionPtr(new soci::session(soci::sqlite3, "db=" + connect_string_ + " timeout=5"));
      sqlite_api::sqlite3* db = sqlite_handle_of(*s);
      // The query planner stability guarantee: a statement keeps its plan whatever is bound to it. Without it
      // SQLite re-prepares a cached statement on every run whose LIKE pattern is a parameter (client search):
      // a third of a search request went to parsing the same SQL again.
      sqlite_api::sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_QPSG, 1, nullptr);
      {
        std::lock_guard lock(connections_mutex);
        connections.emplace(db, HeldMemory{});
      }
      *s << "PRAGMA journal_mode=WAL";
      *s << "PRAGMA synchronous=FULL";
      *s << "PRAGMA foreign_keys=ON";
      *s << "PRAGMA busy_timeout=" + std::to_string(kBusyTimeoutMs);
      // A 4 MB page cache per connection (SQLite's default is 2 MB) and temporary b-trees in memory: lists and
      // dashboards re-read the same index pages on every request; bounded, so RSS stays small with a full pool.
      *s << "PRAGMA cache_size=-4000";
      *s << "PRAGMA temp_store=MEMORY";
      return s;
    }
    auto s = SessionPtr(new soci::session(soci::postgresql, connect_string_));
    *s << "SET statement_timeout = 30000";
    *s << "SET client_min_messages = warning";
    return s;
  } catch (const std::exception& e) {
    // The driver's message may contain the connection string; keep it out of responses and logs.
    if (dialect_ == Dialect::postgres) throw database_unreachable_error();
    throw Error(ErrorCode::unavailable, "Database unavailable.");
  }
}

Database::Connection Database::acquire() {
  SessionPtr s;
  {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, pool_timeout_, [&] { return !idle_.empty() || opened_ < size_; })) {
      lock.unlock();
      log::warning("db", "no free database connection",
                   {{"pool_size", size_}, {"waited_ms", static_cast<std::int64_t>(pool_timeout_.count())}});
      // 서버가 혼잡합니다. 잠시 후 다시 시도해주세요.
      Error e(ErrorCode::unavailable, "The server is busy. Please try again shortly.");
      e.headers.emplace("Retry-After", "1");  // not operator[]= : GCC 12 -Wrestrict false positive on the literal
      throw e;
    }
    if (!idle_.empty()) {
      s = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++opened_;  // reserve the slot before connecting outside the lock
    }
    ++in_use_;
  }
  if (!s) {
    try {
      s = open();
    } catch (...) {
      std::lock_guard lock(mutex_);
      --opened_;
      --in_use_;
      available_.notify_one();
      throw;
    }
  }
  return Connection(*this, std::move(s));
}

void Database::release(SessionPtr s, bool broken) {
  if (dialect_ == Dialect::sqlite && s && !broken) note_memory(sqlite_handle_of(*s));
  std::lock_guard lock(mutex_);
  --in_use_;
  if (broken || !s) {
    --opened_;
  } else {
    idle_.push_back(std::move(s));
  }
  available_.notify_one();
}

Database::Connection::~Connection() {
  if (db_ && s_) db_->release(std::move(s_), broken_);
}

void Database::begin(Connection& c, bool write) {
  const char* statement = dialect_ == Dialect::sqlite && write ? "BEGIN IMMEDIATE" : "BEGIN";
  try {
    exec_statement(c.sql(), statement);
    return;
  } catch (const std::exception&) {
  }
  // A pooled connection may have died with a restarted database server: once more on a new connection, so that
  // the first request after the restart succeeds instead of one 503 per pooled connection.
  try {
    c.replace(open());  // Error(unavailable) while the server is still down
    exec_statement(c.sql(), statement);
  } catch (const Error&) {
    c.discard();
    throw;
  } catch (...) {
    c.discard();
    if (auto storage = storage_error_of(std::current_exception(), &c.sql())) throw *storage;
    throw Error(ErrorCode::unavailable, "Database unavailable.");
  }
}

void Database::commit(Connection& c) {
  try {
    exec_statement(c.sql(), "COMMIT");
  } catch (...) {
    c.discard();
    throw;
  }
}

void Database::rollback(Connection& c) noexcept {
  try {
    exec_statement(c.sql(), "ROLLBACK");
  } catch (...) {
    c.discard();
  }
}

bool Database::ping() {
  // Idle pooled connections may all have died with a restarted server: try each, then a fresh one.
  for (int attempt = 0; attempt <= size_; ++attempt) {
    try {
      auto c = acquire();
      try {
        int one = 0;
        c.sql() << "SELECT 1", soci::into(one);
        return one == 1;
      } catch (...) {
        c.discard();
      }
    } catch (...) {
      return false;  // cannot even connect
    }
  }
  return false;
}

std::int64_t sqlite_memory_used() {
  // Without MEMSTATUS this is what SQLite holds, minus its small process-wide part; each connection's share is at
  // most a second older than its last use (note_memory).
  std::int64_t total = 0;
  std::lock_guard lock(connections_mutex);
  for (const auto& [db, held] : connections) total += held.bytes;
  return total;
}

PoolStats Database::stats() const {
  std::lock_guard lock(mutex_);
  return PoolStats{size_, in_use_, static_cast<int>(idle_.size()), grouped_writes_, write_batches_};
}

bool Database::checkpoint() {
  if (dialect_ != Dialect::sqlite) return true;
  try {
    auto c = acquire();
    // (busy, WAL frames, frames folded in): busy = 1 when readers or a writer kept it from finishing.
    int busy = 0, frames = 0, folded = 0;
    c.sql() << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(frames), soci::into(folded);
    if (busy == 0) return true;
    log::warning("db", "WAL checkpoint incomplete: the database was busy", {{"frames", frames}, {"folded", folded}});
  } catch (const Error& e) {
    log::warning("db", "WAL checkpoint failed", {{"error", i18n::msgid_of(e.message())}});
  } catch (const std::exception& e) {
    log::warning("db", "WAL checkpoint failed", {{"error", std::string(e.what())}});
  }
  return false;
}

// ---- One read transaction per request ----

namespace {
// The innermost active RequestScope of this thread (one per thread: a request runs on one thread).
thread_local Database::RequestScope* tl_scope = nullptr;
}  // namespace

Database::RequestScope::RequestScope(Database& db) : db_(db), active_(tl_scope == nullptr) {
  if (active_) tl_scope = this;
}

Database::RequestScope::~RequestScope() {
  if (!active_) return;
  end(true);
  tl_scope = nullptr;
}

Database::RequestScope* Database::RequestScope::current(Database& db) {
  return tl_scope && &tl_scope->db_ == &db ? tl_scope : nullptr;
}

soci::session& Database::RequestScope::enter() {
  if (!connection_) {
    Connection c = db_.acquire();
    if (db_.dialect_ == Dialect::sqlite) db_.begin(c, false);
    else untried_ = true;  // no transaction (see RequestScope); its first read tells whether the connection lives
    connection_.emplace(std::move(c));
  }
  ++depth_;
  return connection_->sql();
}

bool Database::RequestScope::reconnected() {
  if (!untried_ || !connection_ || !pg::lost(connection_->sql())) return false;
  untried_ = false;
  try {
    connection_->replace(db_.open());  // Error(unavailable) while the server is still down
  } catch (...) {
    connection_->discard();
    connection_.reset();
    throw;
  }
  return true;
}

void Database::RequestScope::end(bool commit) noexcept {
  if (!connection_) return;
  if (db_.dialect_ == Dialect::postgres) {  // no transaction to end
    if (pg::lost(connection_->sql())) connection_->discard();  // the pool opens a new one instead
    connection_.reset();
    return;
  }
  if (commit) {
    try {
      db_.commit(*connection_);
    } catch (...) {
      connection_->discard();  // a read transaction that cannot end: the connection is in an unknown state
    }
  } else {
    db_.rollback(*connection_);
  }
  connection_.reset();
}

void Database::end_shared_read() {
  if (RequestScope* scope = RequestScope::current(*this); scope && scope->depth_ == 0) scope->end(true);
}

// ---- Group commit (SQLite) ----

namespace {
// The database whose writer runs on this thread: a write inside a write runs inline (nested savepoint).
thread_local Database* tl_writing_db = nullptr;
thread_local soci::session* tl_writer_session = nullptr;
constexpr std::size_t kMaxBatch = 256;  // bounds one transaction's size and the time the last request waits
}  // namespace

Database::Timed::~Timed() {
  static auto& seconds = metrics::Registry::global().histogram(
      "the5hc_db_query_duration_seconds", "Database transaction time by kind (read, write), waiting included.",
      {"kind"}, {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
  seconds.with({write ? "write" : "read"})
      .observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void Database::submit_write(void (*run)(void*, soci::session&), void* f) {
  if (tl_writing_db == this) {
    soci::session& s = *tl_writer_session;
    exec_statement(s, "SAVEPOINT nested_write");
    try {
      run(f, s);
    } catch (...) {
      try {
        exec_statement(s, "ROLLBACK TO SAVEPOINT nested_write");
        exec_statement(s, "RELEASE SAVEPOINT nested_write");
      } catch (...) {
      }
      throw;
    }
    exec_statement(s, "RELEASE SAVEPOINT nested_write");
    return;
  }
  WriteJob job{run, f};
  {
    std::unique_lock lock(mutex_);
    if (stopping_) throw Error(ErrorCode::unavailable, "Database unavailable.");
    if (!writer_.joinable()) writer_ = std::thread([this] { writer_loop(); });
    queued_.push_back(&job);
    write_queued_.notify_one();
    // A write that cannot start in time is answered 503 and never runs. In time: the pool timeout, but at least
    // the 5 s that SQLite's busy handler used to grant a writer waiting for the lock.
    const auto start_within = std::max(pool_timeout_, std::chrono::milliseconds(kBusyTimeoutMs));
    if (!write_done_.wait_for(lock, start_within, [&] { return job.started; })) {
      queued_.erase(std::find(queued_.begin(), queued_.end(), &job));
      lock.unlock();
      log::warning("db", "write queue did not move", {{"waited_ms", static_cast<std::int64_t>(start_within.count())}});
      Error e(ErrorCode::unavailable, "The server is busy. Please try again shortly.");
      e.headers.emplace("Retry-After", "1");
      throw e;
    }
    write_done_.wait(lock, [&] { return job.done; });  // once started, its outcome is always awaited
  }
  if (job.error) {
    try {
      std::rethrow_exception(job.error);
    } catch (...) {
      rethrow_translated();
    }
  }
}

void Database::writer_loop() {
  tl_writing_db = this;
  SessionPtr s;
  std::vector<WriteJob*> batch;
  for (;;) {
    batch.clear();
    {
      std::unique_lock lock(mutex_);
      write_queued_.wait(lock, [&] { return stopping_ || !queued_.empty(); });
      if (queued_.empty()) break;  // stopping and nothing left
      while (!queued_.empty() && batch.size() < kMaxBatch) {
        queued_.front()->started = true;
        batch.push_back(queued_.front());
        queued_.pop_front();
      }
    }
    write_done_.notify_all();  // started: their requesters now wait for the outcome, not the timeout
    run_batch(s, batch);
    {
      std::lock_guard lock(mutex_);
      ++write_batches_;
      for (auto* job : batch) {
        job->done = true;
        if (!job->error) ++grouped_writes_;
      }
    }
    write_done_.notify_all();
  }
  tl_writing_db = nullptr;
  tl_writer_session = nullptr;
}

void Database::run_batch(SessionPtr& s, const std::vector<WriteJob*>& batch) {
  // The 503 every request of a batch that could not commit gets: the storage error that stopped it where there is
  // one (disk full, read-only), else "Database unavailable.".
  auto batch_failed = [&](std::exception_ptr cause) {
    auto storage = cause ? storage_error_of(cause) : std::nullopt;
    return std::make_exception_ptr(storage ? *storage : Error(ErrorCode::unavailable, "Database unavailable."));
  };
  try {
    if (!s) s = open();
    tl_writer_session = s.get();
    exec_statement(*s, "BEGIN IMMEDIATE");
  } catch (...) {
    auto failed = batch_failed(std::current_exception());
    s.reset();  // a connection that cannot begin may be dead; the next batch opens a new one
    for (auto* job : batch) job->error = failed;
    return;
  }
  bool transaction_lost = false;
  // A request refused by the storage (read-only file, disk full, I/O error): the connection may stay read-only
  // after the cause is fixed (SQLite opened the file read-only), so the next batch opens a new one.
  bool reopen = false;
  std::exception_ptr cause;
  for (auto* job : batch) {
    try {
      exec_statement(*s, "SAVEPOINT request");
    } catch (...) {
      cause = std::current_exception();
      transaction_lost = true;
      break;
    }
    try {
      job->run(job->f, *s);
      exec_statement(*s, "RELEASE SAVEPOINT request");
    } catch (...) {
      job->error = std::current_exception();
      if (storage_error_of(job->error, nullptr, false)) reopen = true;
      try {
        exec_statement(*s, "ROLLBACK TO SAVEPOINT request");
        exec_statement(*s, "RELEASE SAVEPOINT request");
      } catch (...) {
        // SQLite rolls the whole transaction back on some errors (disk full, I/O): the others' work is gone too.
        cause = job->error;
        transaction_lost = true;
        break;
      }
    }
  }
  if (!transaction_lost) {
    try {
      exec_statement(*s, "COMMIT");
      if (reopen) s.reset();
      else note_memory(sqlite_handle_of(*s));  // the writer keeps its connection: measured here, not on release
      return;  // every job that has no error is now durable
    } catch (...) {
      cause = std::current_exception();
    }
  }
  // Nothing of this batch was committed: every request in it fails (and may be retried by its caller).
  try {
    exec_statement(*s, "ROLLBACK");
  } catch (...) {
  }
  s.reset();
  auto failed = batch_failed(cause);
  for (auto* job : batch)
    if (!job->error || transaction_lost) job->error = failed;
}

std::optional<Error> Database::storage_error_of(std::exception_ptr e, soci::session* s, bool log_cause) {
  std::optional<Error> storage;
  std::string detail;
  try {
    std::rethrow_exception(e);
  } catch (const soci::sqlite3_soci_error& x) {
    storage = sqlite_storage_error(x.result());
    detail = "SQLite error " + std::to_string(x.result()) + ": " + x.get_error_message();
  } catch (const soci::postgresql_soci_error& x) {
    storage = postgres_storage_error(x.sqlstate(), s && !s->is_connected());
    detail = "PostgreSQL SQLSTATE " + x.sqlstate();  // the message may name hosts: not logged
  } catch (const soci::soci_error&) {
    // PostgreSQL reports some connection failures without SQLSTATE ("no connection to the server")
    if (dialect_ == Dialect::postgres && s && !s->is_connected()) storage = database_unreachable_error();
    detail = "connection lost";
  } catch (...) {
  }
  if (storage && log_cause) log::error("db", "the database refused the request", {{"cause", detail}});
  return storage;
}

void Database::rethrow_translated(soci::session* s) {
  // A unique or foreign-key violation that slipped past a service's pre-check (two requests at once) becomes the
  // pre-check's own Error (store/constraints.hpp); a storage failure becomes its 503 (store/storage_errors.hpp);
  // everything else leaves unchanged.
  std::optional<Error> translated;
  try {
    throw;
  } catch (const soci::postgresql_soci_error& e) {
    translated = postgres_constraint_error(e.sqlstate(), e.get_error_message());
  } catch (const soci::sqlite3_soci_error& e) {
    translated = sqlite_constraint_error(e.result(), e.get_error_message());
  } catch (const soci::soci_error&) {
  }
  if (!translated) {
    auto storage = storage_error_of(std::current_exception(), s);
    if (storage) throw *storage;
    throw;
  }
  log::info("db", "constraint violation answered as a client error",
            {{"error", i18n::msgid_of(translated->message())}, {"code", code_name(translated->code())}});
  throw *translated;
}

}  // namespace the5hc::store
