#include "store/migrations.hpp"

#include "common/i18n.hpp"

#include <postgresql/libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <regex>

#include "common/digest.hpp"
#include "common/embedded.hpp"
#include "common/error.hpp"

namespace the5hc::store {
namespace {

std::string utc_now() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

// Runs a whole script (several statements) with the driver's native multi-statement call; SOCI would treat
// `:word` inside DDL literals as bind placeholders and runs one statement at a time.
void exec_script(soci::session& sql, Dialect dialect, const std::string& script) {
  if (dialect == Dialect::sqlite) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    char* err = nullptr;
    if (::sqlite_api::sqlite3_exec(backend->conn_, script.c_str(), nullptr, nullptr, &err) != 0) {
      std::string msg = err ? err : "unknown error";
      ::sqlite_api::sqlite3_free(err);
      throw Error(ErrorCode::database_state, i18n::args("Migration failed: {error}", {{"error", msg}}));
    }
    return;
  }
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PGresult* res = PQexec(backend->conn_, script.c_str());
  auto status = PQresultStatus(res);
  std::string msg = PQresultErrorMessage(res);
  PQclear(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
    throw Error(ErrorCode::database_state, i18n::args("Migration failed: {error}", {{"error", msg}}));
}

}  // namespace

bool MigrationStatus::newer_but_compatible() const {
  return pending.empty() && checksum_mismatch.empty() && !unknown.empty() &&
         std::all_of(unknown.begin(), unknown.end(), [](const AppliedMigration& m) { return m.compatible; });
}

namespace {
std::vector<Migration> load_migrations(Dialect dialect) {
  // migrations/NNNN_name.(up|down)[.sqlite|.postgres].sql — the dialect file wins over the shared one.
  static const std::regex pattern(R"(^migrations/(\d{4})_([a-z0-9_]+)\.(up|down)(\.(sqlite|postgres))?\.sql$)");
  const std::string mine = dialect == Dialect::sqlite ? "sqlite" : "postgres";
  std::map<int, Migration> by_version;
  std::map<std::pair<int, std::string>, int> rank;  // 2 = dialect file, 1 = shared file
  for (const auto& f : embedded::all()) {
    std::string path(f.path);
    std::smatch m;
    if (!std::regex_match(path, m, pattern)) continue;
    std::string d = m[5].str();
    if (!d.empty() && d != mine) continue;
    int version = std::stoi(m[1].str());
    std::string direction = m[3].str();
    int r = d.empty() ? 1 : 2;
    auto& best = rank[{version, direction}];
    if (best >= r) continue;
    best = r;
    Migration& mig = by_version[version];
    mig.version = version;
    mig.name = m[2].str();
    (direction == "up" ? mig.up : mig.down) = std::string(f.data);
  }
  std::vector<Migration> out;
  for (auto& [v, mig] : by_version) {
    if (mig.up.empty()) continue;
    mig.compatible = mig.up.find("-- compatible: no") == std::string::npos;
    mig.checksum = digest::sha256_hex(mig.up);
    out.push_back(std::move(mig));
  }
  return out;
}

}  // namespace

// The embedded files never change while the process runs; parse (regex, SHA-256) once per dialect, not per /readyz.
const std::vector<Migration>& known_migrations(Dialect dialect) {
  static const std::vector<Migration> sqlite = load_migrations(Dialect::sqlite);
  static const std::vector<Migration> postgres = load_migrations(Dialect::postgres);
  return dialect == Dialect::sqlite ? sqlite : postgres;
}

int known_schema_version() {
  const auto& all = known_migrations(Dialect::sqlite);
  return all.empty() ? 0 : all.back().version;
}

void Migrator::ensure_table() {
  db_.write([](soci::session& sql) {
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
           "checksum TEXT NOT NULL, compatible INTEGER NOT NULL DEFAULT 1, applied_at TEXT NOT NULL)";
  });
}

// Read-only (it runs on every /readyz): a database without the runner's table simply has everything pending.
MigrationStatus Migrator::status() {
  MigrationStatus st;
  db_.read([&](soci::session& sql) {
    long long has_table = 0;
    sql << (db_.dialect() == Dialect::sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                  "AND table_name = 'schema_migrations'"),
        soci::into(has_table);
    if (has_table == 0) return;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT version, name, checksum, compatible, applied_at FROM schema_migrations ORDER BY version");
    for (const auto& r : rows) {
      AppliedMigration a;
      a.version = r.get<int>(0);
      a.name = r.get<std::string>(1);
      a.checksum = r.get<std::string>(2);
      a.compatible = r.get<int>(3) != 0;
      a.applied_at = r.get<std::string>(4);
      st.applied.push_back(a);
    }
  });
  const auto& known = known_migrations(db_.dialect());
  std::map<int, const Migration*> known_by_version;
  for (const auto& m : known) known_by_version[m.version] = &m;
  std::map<int, const AppliedMigration*> applied_by_version;
  for (const auto& a : st.applied) {
    applied_by_version[a.version] = &a;
    st.schema_version = std::max(st.schema_version, a.version);
    auto k = known_by_version.find(a.version);
    if (k == known_by_version.end()) st.unknown.push_back(a);
    else if (k->second->checksum != a.checksum) st.checksum_mismatch.push_back(a.version);
  }
  for (const auto& m : known)
    if (!applied_by_version.count(m.version)) st.pending.push_back(m);
  return st;
}

std::vector<Migration> Migrator::up(std::optional<int> to_version) {
  ensure_table();
  auto st = status();
  if (!st.checksum_mismatch.empty())
    throw Error(ErrorCode::database_state,
                i18n::args("Applied migration {version} differs from this binary's copy (checksum changed).",
                           {{"version", std::to_string(st.checksum_mismatch.front())}}));
  std::vector<Migration> done;
  for (const auto& m : st.pending) {
    if (to_version && m.version > *to_version) break;
    db_.write([&](soci::session& sql) {
      exec_script(sql, db_.dialect(), m.up);
      std::string now = utc_now();
      int compatible = m.compatible ? 1 : 0;
      sql << "INSERT INTO schema_migrations (version, name, checksum, compatible, applied_at) "
             "VALUES (:v, :n, :c, :k, :a)",
          soci::use(m.version), soci::use(m.name), soci::use(m.checksum), soci::use(compatible), soci::use(now);
    });
    done.push_back(m);
  }
  return done;
}

std::vector<AppliedMigration> Migrator::down(int n) {
  ensure_table();
  auto st = status();
  const auto& known = known_migrations(db_.dialect());
  std::vector<AppliedMigration> targets(st.applied.rbegin(), st.applied.rend());
  if (static_cast<int>(targets.size()) > n) targets.resize(std::max(0, n));
  // Check everything first so that a refusal changes nothing.
  for (const auto& a : targets) {
    auto k = std::find_if(known.begin(), known.end(), [&](const Migration& m) { return m.version == a.version; });
    if (k == known.end())
      throw Error(ErrorCode::database_state,
                  i18n::args("Migration {version} is unknown to this binary; use the newer binary.",
                             {{"version", std::to_string(a.version)}}));
    if (k->down.empty())
      throw Error(ErrorCode::database_state,
                  i18n::args("Migration {version} has no down script.", {{"version", std::to_string(a.version)}}));
  }
  for (const auto& a : targets) {
    const auto& m = *std::find_if(known.begin(), known.end(), [&](const Migration& x) { return x.version == a.version; });
    db_.write([&](soci::session& sql) {
      exec_script(sql, db_.dialect(), m.down);
      sql << "DELETE FROM schema_migrations WHERE version = :v", soci::use(a.version);
    });
  }
  return targets;
}

std::vector<TableColumns> describe_schema(Database& db) {
  std::vector<TableColumns> out;
  db.read([&](soci::session& sql) {
    const bool lite = db.dialect() == Dialect::sqlite;
    const std::string tables_sql =
        lite ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
             : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
               "AND table_type = 'BASE TABLE' ORDER BY table_name";
    const std::string columns_sql =
        lite ? "SELECT name FROM pragma_table_info(:t) ORDER BY cid"
             : "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
               "AND table_name = :t ORDER BY ordinal_position";
    std::vector<std::string> tables;
    soci::rowset<std::string> names = sql.prepare << tables_sql;
    for (const auto& t : names) tables.push_back(t);
    for (const auto& t : tables) {
      TableColumns tc{t, {}};
      soci::rowset<std::string> cols = (sql.prepare << columns_sql, soci::use(t));
      for (const auto& c : cols) tc.columns.push_back(c);
      out.push_back(std::move(tc));
    }
  });
  return out;
}

}  // namespace the5hc::store
