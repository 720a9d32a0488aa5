#pragma once
// The importer behind service::import_legacy, shared by legacy_import.cpp (organisation, trainers, the use case)
// and legacy_import_rows.cpp (clients and everything below them).
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "legacy/reader.hpp"
#include "legacy/report.hpp"
#include "service/legacy_import.hpp"
#include "store/legacy_import.hpp"
#include "store/organizations.hpp"

namespace the5hc::service::detail {

using TrainerRef = store::ImportedTrainer;
using ClientRef = store::ImportedClient;
using PackageRef = store::ImportedPackage;

class Importer {
 public:
  Importer(const legacy::LegacyFile& file, store::LegacyImportStore& store, const LegacyImportOptions& options,
           legacy::Report& report, std::string now);
  // Throws store::LegacyRowError for a row the database refused in a batch.
  void run();

  // Where the import is, for the failure report.
  std::string current_table;
  long long current_id = 0;

 private:
  void import_all();
  void load_previous_runs();
  void resolve_organization();
  void import_trainers();
  void settle_owner_and_capacity();
  void import_clients();
  void import_assessments();
  void import_packages();
  void import_sessions(const std::string& table);
  void import_payments(const std::string& table);
  void import_fee_audit();

  // Common row bookkeeping: counts the read, sets current_*, reports progress; false (skipped) when the row
  // was imported by an earlier run.
  bool begin_row(legacy::TableReport& t, const legacy::Row& row);
  void imported(legacy::TableReport& t, const legacy::Row& row, const std::string& target_table, long long target_id);
  void warn_all(const std::string& table, long long id, const std::vector<std::string>& warnings);
  // The mapped parent of a row, or nullptr with reason parent_missing (no such legacy row) / parent_skipped.
  template <class Ref>
  const Ref* parent(const std::unordered_map<long long, Ref>& mapped, const std::set<long long>& legacy_ids,
                    const legacy::Value& id, std::string& reason) const {
    auto v = id.integral();
    if (!v || !legacy_ids.count(*v)) {
      reason = "parent_missing";
      return nullptr;
    }
    auto it = mapped.find(*v);
    if (it == mapped.end()) {
      reason = "parent_skipped";
      return nullptr;
    }
    return &it->second;
  }
  const TrainerRef* trainer_of(const legacy::Value& legacy_trainer_id) const;

  const legacy::LegacyFile& file_;
  store::LegacyImportStore& store_;
  const LegacyImportOptions& options_;
  legacy::Report& report_;
  std::string now_;
  store::Organization org_;

  std::map<std::string, std::unordered_set<long long>> done_;  // legacy ids imported by earlier runs, per table
  store::ByLegacyId<TrainerRef> trainers_;
  std::unordered_map<long long, long long> user_of_trainer_;  // new trainer id → user id
  store::ByLegacyId<ClientRef> clients_;
  store::ByLegacyId<PackageRef> packages_;
  std::unordered_map<long long, long long> payments_;  // legacy `payments` id → new payment id (fee_audit_log)
  std::set<long long> trainer_ids_, client_ids_, package_ids_, payment_ids_;
  std::map<long long, std::string> imported_usernames_;  // legacy id → final username, this run
  std::set<std::string> seen_emails_;
  // Cross-table duplicates (LEGACY.md §4): key → "table id" of the first row.
  std::map<std::tuple<long long, long long, std::string, std::string, std::string>, std::string> session_keys_;
  std::map<std::tuple<long long, long long, long long, std::string>, std::string> payment_keys_;

  long long processed_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace the5hc::service::detail
