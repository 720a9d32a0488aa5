#pragma once
// Use case `import-legacy` (LEGACY.md §7): one transaction that maps every legacy table into the new model in
// dependency order, records idempotency keys, writes one `legacy_import` audit row and returns the report.
#include <functional>
#include <optional>
#include <string>

#include "legacy/report.hpp"
#include "service/context.hpp"

namespace the5hc::service {

struct LegacyImportProgress {
  std::string table;
  long long rows = 0;  // rows processed so far, all tables
  double rows_per_second = 0;
};

struct LegacyImportOptions {
  std::string path;
  std::optional<std::string> organisation_name;
  std::optional<long long> organisation_id;
  std::optional<std::string> owner;  // legacy username that becomes owner
  std::string source = "streamlit";
  bool link_existing_users = false;
  bool dry_run = false;
  long long progress_every = 10000;
  std::function<void(const LegacyImportProgress&)> progress;
};

// Throws Error(usage) when the file is not a legacy database, --organisation-id is unknown or --owner names no
// legacy trainer (nothing written), Error(database_state) when the target is not migrated. Any other failure rolls
// the whole import back and is returned in report.failed.
// The audit row records ctx.actor (none for the command line) and ctx.origin.
legacy::Report import_legacy(const Context& ctx, const LegacyImportOptions& options);

}  // namespace the5hc::service
