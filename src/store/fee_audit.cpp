#include "store/fee_audit.hpp"

#include <nlohmann/json.hpp>

#include "store/batch_insert.hpp"

namespace the5hc::store {
namespace {
Columns fee_audit_columns(const FeeAuditEntry& e) {
  return {{"organization_id", val(e.organization_id)},
          {"package_id", val(e.package_id)},
          {"payment_id", val(e.payment_id)},
          {"calculation_type", val(e.calculation_type)},
          {"gross_amount", val(e.gross_amount)},
          {"vat_amount", val(e.vat_amount)},
          {"card_fee_amount", val(e.card_fee_amount)},
          {"net_amount", val(e.net_amount)},
          {"vat_rate_bp", val(e.vat_rate_bp)},
          {"card_fee_rate_bp", val(e.card_fee_rate_bp)},
          {"payment_method", val(e.payment_method)},
          {"details", val(e.details)},
          {"created_by_id", val(e.created_by_id)},
          {"created_at", val(e.created_at)}};
}
}  // namespace

FeeAuditEntry fee_audit_entry(const domain::FeeBreakdown& b) {
  FeeAuditEntry e;
  e.gross_amount = b.gross;
  set_fee_columns(e, b);
  e.details = nlohmann::json{{"formula", "vat_inclusive"}, {"supply_amount", b.supply_value()}}.dump();
  return e;
}

std::int64_t insert_fee_audit(soci::session& sql, const FeeAuditEntry& e) {
  return insert_row(sql, "fee_audit_log", fee_audit_columns(e));
}
std::int64_t insert_fee_audit(RowBatches& batches, const FeeAuditEntry& e) {
  return batches.add("fee_audit_log", fee_audit_columns(e));
}

}  // namespace the5hc::store
