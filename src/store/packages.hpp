#pragma once
// Session packages (DOMAIN.md §1.9).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/packages.hpp"
#include "store/scope.hpp"
#include "store/sort.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct Package {
  std::int64_t id = 0, organization_id = 0, client_id = 0, trainer_id = 0;
  std::string package_name;
  domain::PackageCounters counters;
  std::optional<int> vat_rate_bp, card_fee_rate_bp;  // rates of the last payment recorded on it
  bool is_legacy = false;
  std::optional<std::string> notes;
  std::string created_at, updated_at;
  // joined / derived
  std::string client_name, trainer_name;
  std::int64_t client_trainer_id = 0;  // the client's current trainer (visibility)
  int scheduled_count = 0;
};

std::optional<Package> find_package(soci::session& sql, std::int64_t id);
// Locks the package row for the rest of the write transaction (`for_update` = Database::for_update()); on SQLite
// the write transaction itself holds the lock. Returns false when the row does not exist.
bool lock_package(soci::session& sql, std::int64_t id, const char* for_update);

enum class PackageSort { created_at, remaining_sessions, total_amount };

struct PackageFilter {
  Scope scope;
  std::optional<std::int64_t> client_id;
  std::optional<bool> is_active;
  std::optional<domain::PackageStatus> status;
  std::vector<std::string> search;  // client name, package name
  Sort<PackageSort> sort;  // empty: newest first
  int limit = -1, offset = 0;  // limit -1: all
};
std::vector<Package> list_packages(soci::session& sql, const PackageFilter& f);
std::int64_t count_packages(soci::session& sql, const PackageFilter& f);

class RowBatches;
// Every column of the row but the id; the batched form is the legacy import's.
std::int64_t insert_package(soci::session& sql, const Package& p);
std::int64_t insert_package(RowBatches& batches, const Package& p);
// Counters, cumulative breakdown and rates after a top-up or a session outcome.
void save_package_counters(soci::session& sql, const Package& p, const std::string& now);
void save_package_details(soci::session& sql, const Package& p, const std::string& now);  // name, notes, is_active

}  // namespace the5hc::store
