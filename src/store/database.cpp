#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <optional>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/log.hpp"
#include "config/config.hpp"
#include "store/constraints.hpp"

namespace the5hc::store {

Database::Database(const DatabaseUrl& url, int pool_size, std::chrono::milliseconds pool_timeout)
    : dialect_(url.engine == DatabaseUrl::Engine::postgres ? Dialect::postgres : Dialect::sqlite),
      connect_string_(url.soci_connect()),
      size_(std::max(1, pool_size)),
      pool_timeout_(std::max(std::chrono::milliseconds(0), pool_timeout)) {
  if (dialect_ == Dialect::postgres && url.options.find("connect_timeout") == url.options.end())
    connect_string_ += " connect_timeout=3";
}

Database::~Database() = default;

void SessionDeleter::operator()(soci::session* s) const { delete s; }

SessionPtr Database::open() {
  try {
    if (dialect_ == Dialect::sqlite) {
      auto s = SessionPtr(new soci::session(soci::sqlite3, "db=" + connect_string_ + " timeout=5"));
      *s << "PRAGMA journal_mode=WAL";
      *s << "PRAGMA synchronous=FULL";
      *s << "PRAGMA foreign_keys=ON";
      *s << "PRAGMA busy_timeout=5000";
      return s;
    }
    auto s = SessionPtr(new soci::session(soci::postgresql, connect_string_));
    *s << "SET statement_timeout = 30000";
    *s << "SET client_min_messages = warning";
    return s;
  } catch (const std::exception& e) {
    // The driver's message may contain the connection string; keep it out of responses and logs.
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
  try {
    c.sql() << (dialect_ == Dialect::sqlite && write ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (const std::exception&) {
    c.discard();  // the connection may be dead (server restarted); the next acquire opens a new one
    throw Error(ErrorCode::unavailable, "Database unavailable.");
  }
}

void Database::commit(Connection& c) {
  try {
    c.sql() << "COMMIT";
  } catch (...) {
    c.discard();
    throw;
  }
}

void Database::rollback(Connection& c) noexcept {
  try {
    c.sql() << "ROLLBACK";
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

PoolStats Database::stats() const {
  std::lock_guard lock(mutex_);
  return PoolStats{size_, in_use_, static_cast<int>(idle_.size())};
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

void Database::rethrow_translated() {
  // A unique or foreign-key violation that slipped past a service's pre-check (two requests at once) becomes the
  // pre-check's own Error (store/constraints.hpp); everything else leaves unchanged.
  std::optional<Error> translated;
  try {
    throw;
  } catch (const soci::postgresql_soci_error& e) {
    translated = postgres_constraint_error(e.sqlstate(), e.get_error_message());
    if (!translated) throw;
  } catch (const soci::sqlite3_soci_error& e) {
    translated = sqlite_constraint_error(e.result(), e.get_error_message());
    if (!translated) throw;
  }
  log::info("db", "constraint violation answered as a client error",
            {{"error", i18n::msgid_of(translated->message())}, {"code", code_name(translated->code())}});
  throw *translated;
}

}  // namespace the5hc::store
