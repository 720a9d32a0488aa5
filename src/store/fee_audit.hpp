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
  std::int64_t gross_amount = 0;
  // NULL only on imported rows recorded before fees existed (LEGACY.md §7.2)
  std::optional<std::int64_t> vat_amount, card_fee_amount, net_amount, vat_rate_bp, card_fee_rate_bp;
  std::optional<std::string> payment_method;
  std::string details = "{}";  // JSON
  std::string created_at;
};

// The columns a payment and a fee audit row both copy from a breakdown: method, VAT, card fee, net and rates.
template <class Row>
void set_fee_columns(Row& row, const domain::FeeBreakdown& b) {
  row.payment_method = domain::payment_method_label(b.method).code;
  row.vat_amount = b.vat;
  row.card_fee_amount = b.card_fee;
  row.net_amount = b.net;
  row.vat_rate_bp = b.vat_rate_bp;
  row.card_fee_rate_bp = b.card_fee_rate_bp;
}

// The amounts, rates, method and details (formula and supply amount) of a breakdown computed now.
FeeAuditEntry fee_audit_entry(const domain::FeeBreakdown& b);

class RowBatches;
// Every column of the row but the id; the batched form is the legacy import's.
std::int64_t insert_fee_audit(soci::session& sql, const FeeAuditEntry& e);
std::int64_t insert_fee_audit(RowBatches& batches, const FeeAuditEntry& e);

}  // namespace the5hc::store
