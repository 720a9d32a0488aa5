#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "common/error.hpp"
#include "config/config.hpp"

namespace the5hc::store {

Database::Database(const DatabaseUrl& url, int pool_size)
    : dialect_(url.engine == DatabaseUrl::Engine::postgres ? Dialect::postgres : Dialect::sqlite),
      connect_string_(url.soci_connect()),
      size_(std::max(1, pool_size)) {
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
    available_.wait(lock, [&] { return !idle_.empty() || opened_ < size_; });
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

void Database::checkpoint() {
  if (dialect_ != Dialect::sqlite) return;
  try {
    auto c = acquire();
    c.sql() << "PRAGMA wal_checkpoint(TRUNCATE)";
  } catch (...) {
  }
}

}  // namespace the5hc::store
