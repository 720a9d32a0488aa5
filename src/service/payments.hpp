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
#include "service/views.hpp"

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
using PaymentView = Shown<store::Payment>;
PaymentView create_payment(const Context& ctx, const NewPayment& input);

PaymentView get_payment(const Context& ctx, std::int64_t id);

// GET /payments/ and its summary: what the caller filters by; the use case adds who may see what. The summary
// takes the client, trainer and date range only.
struct PaymentQuery {
  std::optional<std::int64_t> client_id, trainer_id, package_id;
  std::optional<std::string> start_date, end_date;  // payment_date, inclusive
  std::optional<std::string> method, kind;          // codes
  std::vector<std::string> search;
  store::Sort<store::PaymentSort> sort;  // empty: latest payment date first
  int limit = -1, offset = 0;
};
// The store's filter for the whole query within what the caller may list (assistants → 403).
store::PaymentFilter payment_filter(const Context& ctx, const PaymentQuery& query);
Rows<store::Payment> list_payments(const Context& ctx, const PaymentQuery& query);
store::PaymentTotals summarize_payments(const Context& ctx, const PaymentQuery& query);
// Owner only, kind `other` only (409 otherwise); audit payment_deleted.
void delete_payment(const Context& ctx, std::int64_t id);

// The organisation's rates applied to an amount, without recording anything (fee preview).
domain::FeeBreakdown preview_fees(const Context& ctx, domain::Krw amount, domain::PaymentMethod method);

}  // namespace the5hc::service
