#pragma once
// Fee audit (DOMAIN.md §1.12): one append-only row per fee breakdown recorded.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/money.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct FeeAuditEntry {
  std::int64_t organization_id = 0;
  std::optional<std::int64_t> package_id, payment_id, created_by_id;
  std::string calculation_type;  // package_purchase | top_up | payment
  domain::FeeBreakdown breakdown;
  std::string created_at;
};

void insert_fee_audit(soci::session& sql, const FeeAuditEntry& e);

}  // namespace the5hc::store
