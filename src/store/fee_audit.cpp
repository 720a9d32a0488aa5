#include "store/fee_audit.hpp"

#include <nlohmann/json.hpp>

#include "store/row.hpp"

namespace the5hc::store {

void insert_fee_audit(soci::session& sql, const FeeAuditEntry& e) {
  const auto& b = e.breakdown;
  long long org = e.organization_id, gross = b.gross, vat = b.vat, fee = b.card_fee, net = b.net;
  int vat_bp = b.vat_rate_bp, fee_bp = b.card_fee_rate_bp;
  std::string method = domain::payment_method_label(b.method).code;
  std::string details = nlohmann::json{{"formula", "vat_inclusive"}, {"supply_amount", b.supply_value()}}.dump();
  OptionalParam<long long> package(e.package_id), payment(e.payment_id), by(e.created_by_id);
  sql << "INSERT INTO fee_audit_log (organization_id, package_id, payment_id, calculation_type, gross_amount, "
         "vat_amount, card_fee_amount, net_amount, vat_rate_bp, card_fee_rate_bp, payment_method, details, "
         "created_by_id, created_at) VALUES (:org, :package, :payment, :type, :gross, :vat, :fee, :net, :vat_bp, "
         ":fee_bp, :method, :details, :by, :now)",
      soci::use(org), soci::use(package.value, package.ind), soci::use(payment.value, payment.ind),
      soci::use(e.calculation_type), soci::use(gross), soci::use(vat), soci::use(fee), soci::use(net),
      soci::use(vat_bp), soci::use(fee_bp), soci::use(method), soci::use(details), soci::use(by.value, by.ind),
      soci::use(e.created_at);
}

}  // namespace the5hc::store
