#pragma once
// Payments (DOMAIN.md §1.11, §5.5): recording with the fee breakdown and its audit row, listing, summary, deleting
// an owner's `other` payment.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/money.hpp"
#include "store/payments.hpp"
#include "service/context.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

// One payment as the bookkeeping records it, inside the caller's transaction: payment row, fee-audit row
// (calculation type by kind), audits payment_recorded and fee_calculated.
struct PaymentRecord {
  std::int64_t organization_id = 0, client_id = 0, trainer_id = 0;
  std::optional<std::int64_t> package_id;
  std::string kind;  // package_purchase | top_up | other
  std::string payment_date;
  std::optional<std::string> description;
  std::string client_name;
  domain::FeeBreakdown breakdown;
};
store::Payment record_payment(soci::session& sql, const Context& ctx, const PaymentRecord& record);

// POST /payments/: a standalone payment (kind other) of a visible client, optionally on a package of that client.
struct NewPayment {
  std::int64_t client_id = 0;
  std::optional<std::int64_t> package_id;
  domain::Krw amount = 0;
  domain::PaymentMethod method = domain::PaymentMethod::card;
  std::optional<std::string> payment_date, description;
};
store::Payment create_payment(const Context& ctx, const NewPayment& input);

store::Payment get_payment(const Context& ctx, std::int64_t id);
std::pair<std::vector<store::Payment>, std::int64_t> list_payments(const Context& ctx, store::PaymentFilter filter);
store::PaymentTotals summarize_payments(const Context& ctx, store::PaymentFilter filter);
// Owner only, kind `other` only (409 otherwise); audit payment_deleted.
void delete_payment(const Context& ctx, std::int64_t id);

// The organisation's rates applied to an amount, without recording anything (fee preview).
domain::FeeBreakdown preview_fees(const Context& ctx, domain::Krw amount, domain::PaymentMethod method);

// The timezone of the caller's organisation for rendering (Asia/Seoul without one).
std::string actor_timezone(const Context& ctx);

}  // namespace the5hc::service
