#include "store/backup.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <fcntl.h>
#include <spawn.h>
#include <soci/soci.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "common/version.hpp"
#include "config/config.hpp"
#include "store/migrations.hpp"

extern char** environ;

namespace the5hc::store {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr std::string_view kPgDumpMagic{"PGDMP"};

const char* engine_name(Dialect d) { return d == Dialect::postgres ? "postgres" : "sqlite"; }

Error failure(std::string_view msgid, const std::string& detail) {
  return Error(ErrorCode::internal, i18n::args(msgid, {{"detail", detail}}));
}
Error refusal(std::string_view msgid, const std::string& file) {
  return Error(ErrorCode::usage, i18n::args(msgid, {{"file", file}}));
}

std::string rfc3339(TimePoint t) {
  auto s = format_timestamp(t);  // "2026-12-04 17:00:00"
  s[10] = 'T';
  return s + "Z";
}

std::string compact_stamp(TimePoint t) {  // 20261204T170000Z
  std::string out;
  for (char c : rfc3339(t))
    if (c != '-' && c != ':') out += c;
  return out;
}

void check_label(const std::string& label) {
  bool ok = label.size() <= 64 && std::all_of(label.begin(), label.end(), [](unsigned char c) {
              return std::isalnum(c) || c == '.' || c == '_' || c == '-';
            });
  if (!ok)
    throw Error(ErrorCode::usage, "--label: use at most 64 letters, digits, dots, hyphens and underscores.");
}

std::string sha256_of_file(const std::string& path, std::int64_t& size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw refusal("Cannot read the backup file {file}.", path);
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  std::vector<char> buf(1 << 16);
  size = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    auto n = in.gcount();
    if (n <= 0) break;
    engine.update(buf.data(), static_cast<unsigned>(n));
    size += n;
  }
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string file_head(const std::string& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return head;
}

void fsync_path(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) throw failure("Backup failed: {detail}", "open " + path + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0 && !directory) throw failure("Backup failed: {detail}", "fsync " + path + ": " + std::strerror(errno));
}

// Writes `text` to `path` through a temporary name, fsync and rename, mode 0600.
void write_durably(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw failure("Backup failed: {detail}", "create " + tmp + ": " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    fs::remove(tmp);
    throw failure("Backup failed: {detail}", "write " + path);
  }
}

// A child program (pg_dump, pg_restore) with the connection in libpq's environment variables: the password never
// appears on a command line (visible in ps) or in a log. Returns the exit status; stderr is collected.
struct ProgramResult {
  int status = -1;
  std::string err;
};
ProgramResult run_program(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    auto name = kv.substr(0, kv.find('='));
    if (!env.contains(std::string(name))) env_text.emplace_back(kv);
  }
  for (const auto& [k, v] : env) env_text.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& s : env_text) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy) args.push_back(s.data());
  args.push_back(nullptr);

  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return {-1, std::strerror(errno)};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDERR_FILENO);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  ProgramResult result;
  if (rc != 0) {
    ::close(pipefd[0]);
    return {-1, argv[0] + ": " + std::strerror(rc)};
  }
  char buf[4096];
  for (ssize_t n; (n = ::read(pipefd[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR);)
    if (n > 0 && result.err.size() < 16384) result.err.append(buf, static_cast<std::size_t>(n));
  ::close(pipefd[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string first_line(const std::string& text) {
  auto line = text.substr(0, text.find('\n'));
  return line.empty() ? "no message" : line;
}

// libpq's environment for DATABASE_URL (host, port, user, password, database and the URL's options).
std::map<std::string, std::string> libpq_env(const DatabaseUrl& url) {
  std::map<std::string, std::string> env{{"PGHOST", url.host}, {"PGPORT", std::to_string(url.port)},
                                         {"PGDATABASE", url.dbname}};
  if (!url.user.empty()) env["PGUSER"] = url.user;
  if (!url.password.empty()) env["PGPASSWORD"] = url.password;
  static const std::map<std::string, std::string> known{
      {"sslmode", "PGSSLMODE"},         {"sslrootcert", "PGSSLROOTCERT"}, {"sslcert", "PGSSLCERT"},
      {"sslkey", "PGSSLKEY"},           {"sslcrl", "PGSSLCRL"},           {"connect_timeout", "PGCONNECT_TIMEOUT"},
      {"application_name", "PGAPPNAME"}, {"options", "PGOPTIONS"}};
  for (const auto& [k, v] : url.options)
    if (auto it = known.find(k); it != known.end()) env[it->second] = v;
  return env;
}

// The tables a custom-format dump holds, from `pg_restore --list` ("215; 1259 16390 TABLE public clients owner").
std::set<std::string> dump_tables(const std::string& file, const std::map<std::string, std::string>& env) {
  char list_path[] = "/tmp/the5hc-restore-list-XXXXXX";
  int fd = ::mkstemp(list_path);
  if (fd < 0) throw failure("Restore failed: {detail}", std::string("mkstemp: ") + std::strerror(errno));
  ::close(fd);
  auto r = run_program({"pg_restore", "--list", std::string("--file=") + list_path, file}, env);
  std::ifstream in(list_path);
  std::set<std::string> tables;
  for (std::string line; std::getline(in, line);) {
    auto at = line.find(" TABLE public ");
    if (at == std::string::npos || line.starts_with(";")) continue;
    auto name = line.substr(at + 14);
    tables.insert(name.substr(0, name.find(' ')));
  }
  ::unlink(list_path);
  if (r.status != 0) throw failure("Restore failed: {detail}", "pg_restore --list: " + first_line(r.err));
  return tables;
}

// pg_restore --clean replaces what the dump holds; tables a newer schema added since (a release rolled back) would
// stay and break the next `migrate up`, so they go too: afterwards the database is exactly the backup.
void drop_tables_not_in(Database& db, const std::set<std::string>& keep) {
  db.write([&](soci::session& sql) {
    std::vector<std::string> extra;
    soci::rowset<std::string> names = (sql.prepare << "SELECT table_name FROM information_schema.tables WHERE "
                                                      "table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const auto& n : names)
      if (!keep.contains(n) && n.find('"') == std::string::npos) extra.push_back(n);
    for (const auto& n : extra) sql << "DROP TABLE IF EXISTS \"" + n + "\" CASCADE";
  });
}

// ---- SQLite ---------------------------------------------------------------------------------------------------

struct SqliteHandle {
  sqlite3* db = nullptr;
  ~SqliteHandle() { sqlite3_close_v2(db); }
  std::string error() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
};

void sqlite_open(SqliteHandle& h, const std::string& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr) != SQLITE_OK)
    throw failure("Backup failed: {detail}", path + ": " + h.error());
  sqlite3_busy_timeout(h.db, 10000);
}

std::string sqlite_text(SqliteHandle& h, const char* query) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h.db, query, -1, &st, nullptr) != SQLITE_OK) return {};
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

// Copies src into dest as one step: one read transaction on src, so the copy is one consistent snapshot even while
// other connections write (WAL readers do not block writers). Retries while dest or src is locked.
void sqlite_copy(sqlite3* dest, sqlite3* src) {
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
  if (!b) throw failure("Backup failed: {detail}", sqlite3_errmsg(dest));
  int rc;
  for (int attempt = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; ++attempt) {
    if (attempt > 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw failure("Backup failed: {detail}", sqlite3_errstr(rc));
}

int sqlite_schema_version(SqliteHandle& h) {
  auto v = sqlite_text(h, "SELECT max(version) FROM schema_migrations");
  return v.empty() ? 0 : std::stoi(v);
}

// The copy made self-contained (rollback journal instead of WAL: one file) and proven by integrity_check.
int sqlite_backup_to(const std::string& live_path, const std::string& tmp) {
  {
    SqliteHandle src, dest;
    sqlite_open(src, live_path, SQLITE_OPEN_READONLY);
    sqlite_open(dest, tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite_copy(dest.db, src.db);
  }
  SqliteHandle copy;
  sqlite_open(copy, tmp, SQLITE_OPEN_READWRITE);
  sqlite_text(copy, "PRAGMA journal_mode=DELETE");
  auto check = sqlite_text(copy, "PRAGMA integrity_check");
  if (check != "ok") throw failure("Backup failed: {detail}", "integrity_check: " + check);
  return sqlite_schema_version(copy);
}

// ---- metrics --------------------------------------------------------------------------------------------------

metrics::Gauge& last_success() {
  static auto& g = metrics::Registry::global()
                       .gauge("the5hc_backup_last_success_timestamp_seconds", "Unix time of the last successful backup.")
                       .with({});
  return g;
}
metrics::Gauge& last_size() {
  static auto& g =
      metrics::Registry::global().gauge("the5hc_backup_last_size_bytes", "Size of the last successful backup.").with({});
  return g;
}
metrics::Counter& failures() {
  static auto& c =
      metrics::Registry::global().counter("the5hc_backup_failures_total", "Backups that failed.").with({});
  return c;
}

std::string final_path(const BackupRequest& r, Dialect d, TimePoint now) {
  if (!r.output.empty()) return r.output;
  std::string base = (fs::path(r.dir) / ("the5hc-" + compact_stamp(now) + (r.label.empty() ? "" : "-" + r.label))).string();
  std::string ext = d == Dialect::postgres ? ".pgdump" : ".sqlite3";
  std::string path = base + ext;
  for (int n = 2; fs::exists(path) || fs::exists(path + ".json"); ++n) path = base + "-" + std::to_string(n) + ext;
  return path;
}

BackupInfo read_sidecar(const std::string& file) {
  std::ifstream in(file + ".json");
  if (!in) throw refusal("{file} has no sidecar (.json): not a backup of The5HC, or an incomplete copy.", file);
  try {
    auto j = nlohmann::json::parse(in);
    BackupInfo b;
    b.file = file;
    b.created_at = j.at("created_at").get<std::string>();
    b.engine = j.at("engine").get<std::string>();
    b.schema_version = j.at("schema_version").get<int>();
    b.app_version = j.value("app_version", "");
    b.size = j.at("size").get<std::int64_t>();
    b.sha256 = j.at("sha256").get<std::string>();
    b.label = j.value("label", "");
    return b;
  } catch (const std::exception&) {
    throw refusal("The sidecar of {file} is unreadable.", file);
  }
}

}  // namespace

void register_backup_metrics() {
  last_success();
  last_size();
  failures();
}

BackupInfo create_backup(Database& db, const DatabaseUrl& url, const BackupRequest& request, TimePoint now) {
  check_label(request.label);
  auto started = std::chrono::steady_clock::now();
  Dialect dialect = db.dialect();
  std::string path = final_path(request, dialect, now);
  std::string tmp = path + ".tmp";
  try {
    auto dir = fs::path(path).parent_path();
    if (!dir.empty() && !fs::exists(dir)) {
      fs::create_directories(dir);
      fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    }
    fs::remove(tmp);
    BackupInfo info;
    if (dialect == Dialect::sqlite) {
      info.schema_version = sqlite_backup_to(url.sqlite_path, tmp);
    } else {
      info.schema_version = Migrator(db).status().schema_version;
      auto env = libpq_env(url);
      auto dump = run_program({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + tmp}, env);
      if (dump.status != 0) throw failure("Backup failed: {detail}", "pg_dump: " + first_line(dump.err));
      auto list = run_program({"pg_restore", "--list", tmp}, env);
      if (list.status != 0) throw failure("Backup failed: {detail}", "pg_restore --list: " + first_line(list.err));
    }
    ::chmod(tmp.c_str(), 0600);
    fsync_path(tmp, false);
    info.file = path;
    info.created_at = rfc3339(now);
    info.engine = engine_name(dialect);
    info.app_version = kVersion;
    info.sha256 = sha256_of_file(tmp, info.size);
    info.label = request.label;
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
      throw failure("Backup failed: {detail}", "rename " + tmp + ": " + std::strerror(errno));
    nlohmann::json sidecar{{"created_at", info.created_at}, {"engine", info.engine},
                           {"schema_version", info.schema_version}, {"app_version", info.app_version},
                           {"size", info.size}, {"sha256", info.sha256}, {"label", info.label}};
    try {
      write_durably(path + ".json", sidecar.dump(2) + "\n");
    } catch (...) {
      fs::remove(path);
      throw;
    }
    fsync_path(fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string(), true);
    last_success().set(static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()));
    last_size().set(static_cast<double>(info.size));
    log::info("app", "backup created",
              {{"file", info.file}, {"size", info.size}, {"schema_version", info.schema_version},
               {"duration_ms", static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                             std::chrono::steady_clock::now() - started)
                                                             .count())}});
    return info;
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    failures().inc();
    log::error("app", "backup failed", {{"file", path}, {"error", i18n::translate(Lang::en, e.what())}});
    if (dynamic_cast<const Error*>(&e)) throw;
    throw failure("Backup failed: {detail}", e.what());
  }
}

std::vector<BackupInfo> list_backups(const std::string& dir) {
  std::vector<BackupInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto name = entry.path().string();
    if (!name.ends_with(".sqlite3") && !name.ends_with(".pgdump")) continue;
    try {
      out.push_back(read_sidecar(name));
    } catch (const Error&) {
      // a file without a readable sidecar is not listed (and never pruned)
    }
  }
  std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.file > b.file;
  });
  return out;
}

BackupInfo verify_backup(const std::string& file, Dialect engine) {
  if (!fs::is_regular_file(file)) throw refusal("{file} does not exist.", file);
  BackupInfo b = read_sidecar(file);
  if (b.engine != engine_name(engine))
    throw Error(ErrorCode::usage, i18n::args("{file} is a backup of {engine}, but DATABASE_URL is {current}.",
                                             {{"file", file}, {"engine", b.engine}, {"current", engine_name(engine)}}));
  std::int64_t size = 0;
  auto sha = sha256_of_file(file, size);
  if (size != b.size || sha != b.sha256)
    throw refusal("{file} does not match its sidecar (size or SHA-256 differ): the file is damaged or truncated.", file);
  auto magic = engine == Dialect::postgres ? kPgDumpMagic : kSqliteMagic;
  if (file_head(file, magic.size()) != magic) throw refusal("{file} is not a backup of this database engine.", file);
  if (engine == Dialect::sqlite) {
    SqliteHandle h;
    sqlite_open(h, file, SQLITE_OPEN_READONLY);
    if (sqlite_text(h, "PRAGMA integrity_check") != "ok")
      throw refusal("{file} fails SQLite's integrity check.", file);
  }
  return b;
}

int restore_backup(Database& db, const DatabaseUrl& url, const BackupInfo& backup) {
  if (db.dialect() == Dialect::sqlite) {
    SqliteHandle live, src;
    sqlite_open(live, url.sqlite_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite_open(src, backup.file, SQLITE_OPEN_READONLY);
    try {
      sqlite_copy(live.db, src.db);
    } catch (const Error& e) {
      throw failure("Restore failed: {detail}", std::string(i18n::translate(Lang::en, e.message())));
    }
    sqlite_text(live, "PRAGMA journal_mode=WAL");
    return sqlite_schema_version(live);
  }
  auto env = libpq_env(url);
  auto tables = dump_tables(backup.file, env);
  auto r = run_program({"pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                        "--single-transaction", "--exit-on-error", "--dbname=" + url.dbname, backup.file},
                       env);
  if (r.status != 0) throw failure("Restore failed: {detail}", "pg_restore: " + first_line(r.err));
  drop_tables_not_in(db, tables);
  return Migrator(db).status().schema_version;
}

std::vector<BackupInfo> prune_backups(const std::string& dir, int keep_days, TimePoint now) {
  auto all = list_backups(dir);
  std::string cutoff = rfc3339(now - std::chrono::days(keep_days));
  std::vector<BackupInfo> deleted;
  for (std::size_t i = 1; i < all.size(); ++i) {  // [0] is the newest: always kept
    if (all[i].created_at >= cutoff) continue;
    std::error_code ec;
    fs::remove(all[i].file, ec);
    fs::remove(all[i].file + ".json", ec);
    deleted.push_back(all[i]);
    log::info("app", "backup pruned", {{"file", all[i].file}, {"created_at", all[i].created_at}});
  }
  return deleted;
}

int client_major_version(const std::string& program) {
  std::string cmd = program + " --version 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return 0;
  char buf[256] = {0};
  std::string line = std::fgets(buf, sizeof buf, p) ? buf : "";
  ::pclose(p);
  auto digit = line.find_first_of("0123456789");
  return digit == std::string::npos ? 0 : std::atoi(line.c_str() + digit);
}

int server_major_version(Database& db) {
  if (db.dialect() != Dialect::postgres) return 0;
  try {
    return db.read([](soci::session& sql) {
      std::string num;
      sql << "SHOW server_version_num", soci::into(num);
      return std::atoi(num.c_str()) / 10000;
    });
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace the5hc::store
