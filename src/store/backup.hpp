#pragma once
// Backups, restore and retention (OPERATIONS.md §6). SQLite: the online backup API copies the live database (one
// read snapshot, so the copy is consistent while the server writes) and `PRAGMA integrity_check` proves the copy.
// PostgreSQL: `pg_dump --format=custom` and `pg_restore --single-transaction`, proven by `pg_restore --list`.
// Every file is written under a temporary name, fsynced, renamed and made 0600, with a JSON sidecar
// `<file>.json` {created_at, engine, schema_version, app_version, size, sha256, label} that list, prune and
// restore read. A file that does not match its sidecar, or belongs to the other engine, is refused as
// Error(usage) (exit 2) before anything is changed.
#include <cstdint>
#include <string>
#include <vector>

#include "common/time.hpp"
#include "store/database.hpp"

namespace the5hc {
struct DatabaseUrl;
}

namespace the5hc::store {

struct BackupInfo {
  std::string file;        // path of the backup file (the sidecar is file + ".json")
  std::string created_at;  // RFC 3339 UTC, "2026-12-04T17:00:00Z"
  std::string engine;      // "sqlite" | "postgres"
  int schema_version = 0;
  std::string app_version;
  std::int64_t size = 0;
  std::string sha256;
  std::string label;
};

struct BackupRequest {
  std::string dir;     // BACKUP_DIR: the file is dir/the5hc-YYYYMMDDTHHMMSSZ[-label].sqlite3|.pgdump
  std::string output;  // --output PATH: exactly this file instead
  std::string label;   // [A-Za-z0-9._-]{0,64}; anything else is a usage error
};

// Creates a backup of the live database. Throws Error(usage) for a bad label, Error(internal) when the copy fails
// (its partial files removed). Logged and counted in the the5hc_backup_* metrics.
BackupInfo create_backup(Database& db, const DatabaseUrl& url, const BackupRequest& request, TimePoint now);

// Backups of dir that have a readable sidecar, newest first.
std::vector<BackupInfo> list_backups(const std::string& dir);

// Reads the sidecar of `file` and checks size, SHA-256, engine and the file's own format against it.
// Throws Error(usage) naming what does not match.
BackupInfo verify_backup(const std::string& file, Dialect engine);

// Replaces the live database's content by the verified backup (call verify_backup and take a safety backup
// first). Returns the restored schema version. Throws Error(internal) when the engine's restore fails.
int restore_backup(Database& db, const DatabaseUrl& url, const BackupInfo& backup);

// Deletes backups (and sidecars) of dir created more than keep_days before now, always keeping the newest one.
// Returns the deleted ones.
std::vector<BackupInfo> prune_backups(const std::string& dir, int keep_days, TimePoint now);

// Registers the the5hc_backup_* metrics so that /metrics shows them before the first backup.
void register_backup_metrics();

// The major version of the first line of `<program> --version` ("pg_dump (PostgreSQL) 15.4" → 15), 0 when the
// program is missing. For `check`'s W004.
int client_major_version(const std::string& program);
// The PostgreSQL server's major version (SHOW server_version_num / 10000); 0 on SQLite or when unreachable.
int server_major_version(Database& db);

}  // namespace the5hc::store
