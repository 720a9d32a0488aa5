#pragma once
// The import report of LEGACY.md §7.3: per legacy table read / imported / skipped (with reasons), totals, what was
// created, warnings; rendered as the console table and as JSON.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace the5hc::legacy {

struct SkippedRow {
  long long id = 0;
  std::string reason;
  std::string detail;  // e.g. the row a duplicate_of points to
};

struct TableReport {
  std::string table;
  long long read = 0, imported = 0, skipped = 0;
  std::map<std::string, long long> reasons;
  std::vector<SkippedRow> skipped_rows;
  void skip(long long id, const std::string& reason, const std::string& detail = "");
};

struct Warning {
  std::string table;
  long long id = 0;
  std::string message;
};

struct Created {
  long long organization_id = 0;
  std::string organization_slug, organization_name;
  bool organization_created = false;
  long long memberships = 0;
  std::optional<std::string> owner;  // username of the owner made by this import
  std::vector<std::string> notes;
};

struct Failure {
  std::string table;
  long long id = 0;
  std::string message;
};

struct Report {
  std::string source, generation;
  bool dry_run = false;
  std::vector<TableReport> tables;  // in import order
  Created created;
  std::vector<Warning> warnings;
  std::optional<Failure> failed;

  Report();  // one entry per legacy table of LEGACY.md §7.1
  TableReport& table(const std::string& name);
  void warn(const std::string& table, long long id, const std::string& message);
  TableReport totals() const;
  std::string text() const;
  // compact (for the audit row): skipped_rows leave out already_imported, which a re-run of a large file has by the
  // hundred thousand; the per-reason counts still include them.
  std::string json(bool compact = false) const;
};

}  // namespace the5hc::legacy
