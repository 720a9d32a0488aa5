#pragma once
// Versioned schema migrations (OPERATIONS.md §9), embedded from migrations/ and recorded in schema_migrations.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace the5hc::store {

struct Migration {
  int version = 0;
  std::string name;
  bool compatible = true;  // `-- compatible: yes` — the previous release can run on the schema after it
  std::string up, down;    // for the database's dialect; down may be empty (then it cannot be reverted)
  std::string checksum;    // SHA-256 hex of the up script
};

struct AppliedMigration {
  int version = 0;
  std::string name;
  std::string checksum;
  bool compatible = true;
  std::string applied_at;
};

struct MigrationStatus {
  std::vector<AppliedMigration> applied;
  std::vector<Migration> pending;
  std::vector<AppliedMigration> unknown;  // applied by a newer binary
  std::vector<int> checksum_mismatch;     // applied, but the embedded script differs
  int schema_version = 0;                 // highest applied version
  bool current() const { return pending.empty() && unknown.empty() && checksum_mismatch.empty(); }
  // `serve` may run on a newer schema only when everything it does not know is backwards compatible.
  bool newer_but_compatible() const;
};

const std::vector<Migration>& known_migrations(Dialect dialect);
int known_schema_version();

class Migrator {
 public:
  explicit Migrator(Database& db) : db_(db) {}
  MigrationStatus status();
  // Applies pending migrations in order, each in its own transaction; returns those applied.
  // Throws Error(database_state) on a changed checksum of an applied migration.
  std::vector<Migration> up(std::optional<int> to_version = std::nullopt);
  // Reverts the n most recent migrations (n larger than the number applied reverts all).
  // Throws Error(database_state) when one has no down script or is unknown to this binary.
  std::vector<AppliedMigration> down(int n);

 private:
  void ensure_table();
  Database& db_;
};

// Tables and their columns in order (for comparing the schema the two engines end up with).
struct TableColumns {
  std::string table;
  std::vector<std::string> columns;
};
std::vector<TableColumns> describe_schema(Database& db);

}  // namespace the5hc::store
