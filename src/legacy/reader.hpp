#pragma once
// Read-only access to a legacy Streamlit SQLite file (LEGACY.md §1–3). Tables and columns are discovered with
// PRAGMA table_info; nothing is assumed to exist.
//
// This uses the sqlite3 C API rather than SOCI: SOCI's sqlite3 backend types a column by its declared type, but
// legacy files hold REAL in INTEGER columns, microsecond timestamps in TIMESTAMP columns and so on, which must be
// read by their runtime type (sqlite3_column_type).
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "legacy/row.hpp"

struct sqlite3;

namespace the5hc::legacy {

// Import order (LEGACY.md §7.1).
inline const std::vector<std::string>& table_order() {
  static const std::vector<std::string> t{"trainers",          "clients",  "assessments",
                                          "session_packages",  "training_sessions", "sessions",
                                          "payment_records",   "payments", "fee_audit_log"};
  return t;
}

class LegacyFile {
 public:
  // Opens read-only (SQLITE_OPEN_READONLY, i.e. mode=ro) and checks that this is a legacy database: an intact
  // SQLite file with `trainers` (with `username`) and `clients`, and not one of our own databases. Otherwise
  // throws Error(usage, "레거시 데이터베이스가 아닙니다: {reason}").
  explicit LegacyFile(const std::string& path);
  ~LegacyFile();
  LegacyFile(const LegacyFile&) = delete;
  LegacyFile& operator=(const LegacyFile&) = delete;

  bool has_table(const std::string& table) const { return columns_.count(table) > 0; }
  bool has_column(const std::string& table, const std::string& column) const;
  std::string generation() const;  // G1, G2, G3a, G3b, G3c (LEGACY.md §2)
  long long count(const std::string& table) const;  // 0 for a missing table
  std::set<long long> ids(const std::string& table) const;
  // Calls f for every row in id order; a missing table has no rows.
  void for_each(const std::string& table, const std::function<void(const Row&)>& f) const;

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, std::vector<std::string>> columns_;
};

}  // namespace the5hc::legacy
