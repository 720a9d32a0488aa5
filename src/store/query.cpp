#include "store/query.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <charconv>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>
#include <unordered_map>

#include "store/pg_statements.hpp"
#include "store/row.hpp"

namespace the5hc::store {

std::string SqlParams::placeholder() const { return ":p" + std::to_string(values_.size()); }

std::string SqlParams::add(std::int64_t v) {
  values_.push_back({Kind::integer, v, 0, {}});
  return placeholder();
}

std::string SqlParams::add(double v) {
  values_.push_back({Kind::real, 0, v, {}});
  return placeholder();
}

std::string SqlParams::add(const std::string& v) {
  values_.push_back({Kind::text, 0, 0, v});
  return placeholder();
}

std::string SqlParams::add_null() {
  values_.push_back({Kind::null, 0, 0, {}});
  return placeholder();
}

void SqlParams::bind(void* sqlite_stmt, const std::vector<int>& slots) const {
  auto* st = static_cast<sqlite_api::sqlite3_stmt*>(sqlite_stmt);
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const Value& v = values_[i];
    int at = i < slots.size() ? slots[i] : 0;
    if (at == 0) continue;  // a placeholder the query does not use
    switch (v.kind) {
      case Kind::null: sqlite_api::sqlite3_bind_null(st, at); break;
      case Kind::integer: sqlite_api::sqlite3_bind_int64(st, at, v.integer); break;
      case Kind::real: sqlite_api::sqlite3_bind_double(st, at, v.real); break;
      case Kind::text:
        sqlite_api::sqlite3_bind_text(st, at, v.text.data(), static_cast<int>(v.text.size()),
                                      SQLITE_STATIC);  // the params outlive the execution
    }
  }
}

const char* SqlParams::text_of(std::size_t number, std::string& scratch) const {
  const Value& v = values_.at(number - 1);
  if (v.kind == Kind::null) return nullptr;
  if (v.kind == Kind::text) return v.text.c_str();
  char buf[32];
  auto [end, ec] = v.kind == Kind::integer ? std::to_chars(buf, buf + sizeof buf, v.integer)
                                           : std::to_chars(buf, buf + sizeof buf, v.real);  // shortest exact text
  scratch.assign(buf, end);
  return scratch.c_str();
}

namespace {

// Fills the statement's Row from its current result row. Each value's type is asked once, before any value is read
// (reading text may convert a value in place); text is read as a view of SQLite's buffer, valid until the next step.
// The column names are read once per statement.
class RowReader {
 public:
  const Row& read(sqlite_api::sqlite3_stmt* st) {
    const int n = sqlite_api::sqlite3_column_count(st);
    if (row_.size() != static_cast<std::size_t>(n)) {
      std::vector<std::string> names;
      for (int i = 0; i < n; ++i) names.emplace_back(sqlite_api::sqlite3_column_name(st, i));
      row_.lay_out(std::move(names));
    }
    // Through the column's sqlite3_value: one sqlite3_column_* call per value (each enters the connection and checks
    // for a pending error on leaving) instead of two or three. The value is "unprotected": read without the
    // connection's mutex, which is as this connection is used anyway (one thread at a time, SQLITE_CONFIG_MULTITHREAD).
    for (int i = 0; i < n; ++i) {
      sqlite_api::sqlite3_value* v = sqlite_api::sqlite3_column_value(st, i);
      switch (sqlite_api::sqlite3_value_type(v)) {
        case SQLITE_NULL: row_.set_null(i); break;
        case SQLITE_INTEGER: row_.set_int(i, sqlite_api::sqlite3_value_int64(v)); break;
        case SQLITE_FLOAT: row_.set_real(i, sqlite_api::sqlite3_value_double(v)); break;
        default: {  // text, or a blob read as text
          const auto* text = reinterpret_cast<const char*>(sqlite_api::sqlite3_value_text(v));
          row_.set_text(i, text ? text : "", static_cast<std::size_t>(sqlite_api::sqlite3_value_bytes(v)));
        }
      }
    }
    return row_;
  }

 private:
  Row row_;
};

// ---- The SQLite statement cache ----
// Per connection (sqlite3 handle): query text → prepared statement. A connection is used by one thread at a time
// (the pool, the writer), so only the map of connections needs the lock.
// Each statement keeps its row reader, so the names of its columns are read once, not on every execution.
// Each statement also keeps where its placeholders are: slots[k] is the SQLite index of ":p<k+1>" (0 when the query
// does not use it), so binding never looks a name up (SqlParams names its placeholders p1, p2, … in order).
struct Cached {
  sqlite_api::sqlite3_stmt* st;
  std::unique_ptr<RowReader> reader;
  std::vector<int> slots;
};

std::vector<int> placeholder_slots(sqlite_api::sqlite3_stmt* st) {
  std::vector<int> slots;
  const int n = sqlite_api::sqlite3_bind_parameter_count(st);
  for (int at = 1; at <= n; ++at) {
    const char* name = sqlite_api::sqlite3_bind_parameter_name(st, at);
    if (!name || name[0] != ':' || name[1] != 'p') continue;
    std::size_t k = 0;
    for (const char* c = name + 2; *c; ++c) k = *c >= '0' && *c <= '9' ? k * 10 + std::size_t(*c - '0') : 0;
    if (k == 0) continue;
    if (slots.size() < k) slots.resize(k, 0);
    slots[k - 1] = at;
  }
  return slots;
}
using Statements = std::unordered_map<std::string, Cached>;
std::mutex cache_mutex;
std::unordered_map<sqlite_api::sqlite3*, Statements> statement_cache;
constexpr std::size_t kMaxStatements = 256;  // per connection; queries with literal LIMIT/OFFSET vary

sqlite_api::sqlite3* sqlite_handle(soci::session& sql) {
  if (sql.get_backend_name() != "sqlite3") return nullptr;
  return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

[[noreturn]] void throw_sqlite(sqlite_api::sqlite3* db, int rc) {
  throw soci::sqlite3_soci_error(sqlite_api::sqlite3_errmsg(db), rc);
}

// Resets the statement when the rows have been read (or reading failed), so it holds no read snapshot; finalises
// it when it is not cached (a nested use of a query already running).
struct StatementUse {
  sqlite_api::sqlite3_stmt* st;
  bool cached;
  RowReader* reader;                  // the cached statement's, or own_reader
  const std::vector<int>* slots;      // the cached statement's, or own_slots
  std::unique_ptr<RowReader> own_reader;
  std::vector<int> own_slots;
  StatementUse(sqlite_api::sqlite3_stmt* s, Cached* from_cache)
      : st(s), cached(from_cache != nullptr), reader(cached ? from_cache->reader.get() : nullptr),
        slots(cached ? &from_cache->slots : nullptr) {
    if (!cached) {
      own_reader = std::make_unique<RowReader>();
      reader = own_reader.get();
      own_slots = placeholder_slots(st);
      slots = &own_slots;
    }
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  ~StatementUse() {
    if (cached) {
      sqlite_api::sqlite3_reset(st);
      sqlite_api::sqlite3_clear_bindings(st);
    } else {
      sqlite_api::sqlite3_finalize(st);
    }
  }
};

StatementUse statement_for(sqlite_api::sqlite3* db, const std::string& query) {
  Statements* mine;
  {
    std::lock_guard lock(cache_mutex);
    mine = &statement_cache[db];  // node-based map: the address stays valid while other connections come and go
  }
  auto found = mine->find(query);
  if (found != mine->end() && !sqlite_api::sqlite3_stmt_busy(found->second.st)) return {found->second.st, &found->second};
  sqlite_api::sqlite3_stmt* st = nullptr;
  int rc = sqlite_api::sqlite3_prepare_v3(db, query.c_str(), static_cast<int>(query.size()) + 1,
                                          SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  if (rc != SQLITE_OK) {
    sqlite_api::sqlite3_finalize(st);
    throw_sqlite(db, rc);
  }
  if (found != mine->end()) return {st, nullptr};  // the cached one is running (a query inside its own callback)
  if (mine->size() >= kMaxStatements) {
    for (auto it = mine->begin(); it != mine->end();)
      if (!sqlite_api::sqlite3_stmt_busy(it->second.st)) {
        sqlite_api::sqlite3_finalize(it->second.st);
        it = mine->erase(it);
      } else {
        ++it;
      }
  }
  auto added = mine->emplace(query, Cached{st, std::make_unique<RowReader>(), placeholder_slots(st)}).first;
  return {st, &added->second};
}

bool for_each_sqlite_row(soci::session& sql, const std::string& query, SqlParams& params,
                         const std::function<void(const Row&)>& on_row) {
  sqlite_api::sqlite3* db = sqlite_handle(sql);
  if (!db) return false;
  StatementUse use = statement_for(db, query);
  params.bind(use.st, *use.slots);
  for (;;) {
    int rc = sqlite_api::sqlite3_step(use.st);
    if (rc == SQLITE_DONE) return true;
    if (rc != SQLITE_ROW) throw_sqlite(db, rc);
    on_row(use.reader->read(use.st));
  }
}

}  // namespace

void forget_statements(soci::session& sql) noexcept {
  pg::forget(sql);
  sqlite_api::sqlite3* db = sqlite_handle(sql);
  if (!db) return;
  std::lock_guard lock(cache_mutex);
  auto found = statement_cache.find(db);
  if (found == statement_cache.end()) return;
  for (auto& [text, cached] : found->second) sqlite_api::sqlite3_finalize(cached.st);
  statement_cache.erase(found);
}

std::int64_t last_insert_rowid(soci::session& sql) {
  sqlite_api::sqlite3* db = sqlite_handle(sql);
  if (!db) throw std::logic_error("last_insert_rowid: not an SQLite connection");
  return sqlite_api::sqlite3_last_insert_rowid(db);
}

void for_each_row(soci::session& sql, const std::string& query, SqlParams& params,
                  const std::function<void(const Row&)>& on_row) {
  if (for_each_sqlite_row(sql, query, params, on_row) || pg::run(sql, query, params, on_row)) return;
  throw std::logic_error("for_each_row: a database other than SQLite or PostgreSQL");
}

std::int64_t fetch_int(soci::session& sql, const std::string& query, SqlParams& params) {
  std::int64_t out = 0;
  bool first = true;
  for_each_row(sql, query, params, [&](const Row& r) {
    if (first) out = get_int(r, 0);
    first = false;
  });
  return out;
}

long long execute(soci::session& sql, const std::string& query, SqlParams& params) {
  if (for_each_sqlite_row(sql, query, params, [](const Row&) {}))
    return sqlite_api::sqlite3_changes(sqlite_handle(sql));  // the cached statement's rows, as SOCI would count
  long long changed = 0;
  if (pg::run(sql, query, params, [](const Row&) {}, &changed)) return changed;
  throw std::logic_error("execute: a database other than SQLite or PostgreSQL");
}

void transaction_control(soci::session& sql, const std::string& statement) {
  if (pg::control(sql, statement)) return;  // one round-trip, no statement to prepare
  SqlParams none;
  execute(sql, statement, none);  // SQLite: prepared once per connection like any query
}

std::string contains_sql(soci::session& sql, const std::string& column, SqlParams& p, const std::string& term) {
  std::string lower;
  for (unsigned char c : term) lower += static_cast<char>(c < 128 ? std::tolower(c) : c);
  const char* find = sqlite_handle(sql) ? "instr(" : "strpos(";
  return find + column + ", " + p.add(lower) + ") > 0";
}

std::string like_pattern(const std::string& term) {
  std::string p = "%";
  for (unsigned char c : term) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += static_cast<char>(c < 128 ? std::tolower(c) : c);
  }
  return p + "%";
}

}  // namespace the5hc::store
