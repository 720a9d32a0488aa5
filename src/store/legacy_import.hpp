#pragma once
// What `the5hc import-legacy` (LEGACY.md §7) reads and writes besides the rows of the new model: the idempotency
// keys in legacy_import_rows, the rows earlier runs imported, and the existing users it may link to. The rows
// themselves are the store's own types (store::Client, store::Assessment...), written by their tables' insert
// functions into rows() in batches. soci stays out of this header.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/batch_insert.hpp"
#include "store/database.hpp"

namespace the5hc::store {

struct ExistingUser {
  std::int64_t id = 0;
  std::string username, email;
  std::optional<std::int64_t> organization_id;  // its membership, if any
};

// Rows of earlier runs (same source).
struct ImportedKey {
  std::string source_table;
  long long source_id = 0, target_id = 0;
};
// What the children of an imported row need, by legacy id (the importer keeps the rows of its own run so too).
struct ImportedTrainer {
  long long user_id = 0, trainer_id = 0, organization_id = 0;
};
struct ImportedClient {
  long long id = 0, organization_id = 0, trainer_id = 0, age = 0;
  double weight = 0;
};
struct ImportedPackage {
  long long id = 0, organization_id = 0, client_id = 0, trainer_id = 0;
};
template <class T>
using ByLegacyId = std::unordered_map<long long, T>;

// A row the database refused (a constraint of the new schema), naming the legacy row when it is known.
struct LegacyRowError : std::runtime_error {
  LegacyRowError(std::string table, long long id, const std::string& message)
      : std::runtime_error(message), source_table(std::move(table)), source_id(id) {}
  std::string source_table;  // empty when unknown: then it is the row being added
  long long source_id = 0;
};

class LegacyImportStore {
 public:
  // Works inside the caller's transaction on sql. On PostgreSQL rows are written in batches: call flush() before
  // reading what was imported through another path (e.g. the audit row's caller does so at the end).
  LegacyImportStore(soci::session& sql, Dialect dialect);
  ~LegacyImportStore();
  LegacyImportStore(const LegacyImportStore&) = delete;
  LegacyImportStore& operator=(const LegacyImportStore&) = delete;

  soci::session& sql() { return sql_; }
  RowBatches& rows() { return *rows_; }

  // Users whose username or e-mail equals one of these, ignoring case.
  std::vector<ExistingUser> users_matching(const std::string& username, const std::string& email);
  // Counts the clients of this import still in their batch too.
  bool client_email_used(long long organization_id, const std::string& email);

  std::vector<ImportedKey> imported_keys(const std::string& source);
  ByLegacyId<ImportedTrainer> imported_trainers(const std::string& source);
  ByLegacyId<ImportedClient> imported_clients(const std::string& source);
  ByLegacyId<ImportedPackage> imported_packages(const std::string& source);
  void record_import(const std::string& source, const std::string& source_table, long long source_id,
                     const std::string& target_table, long long target_id, const std::string& raw,
                     const std::string& now);
  // Writes every buffered row (PostgreSQL batches).
  void flush() { rows_->flush(); }
  // A refused row of a batch, named by the legacy row it came from when its key was recorded.
  LegacyRowError row_error(const BatchRowError& e) const;

 private:
  soci::session& sql_;
  Dialect dialect_;
  std::unique_ptr<RowBatches> rows_;
  // Which legacy row each written target row came from (PostgreSQL), to name a row the database refuses.
  std::unordered_map<std::string, std::unordered_map<long long, std::pair<std::string, long long>>> sources_;
};

}  // namespace the5hc::store
