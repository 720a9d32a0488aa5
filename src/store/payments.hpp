#pragma once
// Payments (DOMAIN.md §1.11): immutable money records with the fee breakdown copied onto them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/scope.hpp"
#include "store/sort.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct Payment {
  std::int64_t id = 0, organization_id = 0, client_id = 0, trainer_id = 0;
  std::optional<std::int64_t> package_id;
  std::int64_t amount = 0;
  std::string payment_method, kind, payment_date;
  std::optional<std::string> description;
  std::optional<std::int64_t> vat_amount, card_fee_amount, net_amount, vat_rate_bp, card_fee_rate_bp;
  bool is_legacy = false;
  std::optional<std::int64_t> created_by_id;
  std::string created_at;
  // joined
  std::string client_name, trainer_name;
  std::optional<std::string> package_name;
  std::int64_t client_trainer_id = 0;
};

std::optional<Payment> find_payment(soci::session& sql, std::int64_t id);

enum class PaymentSort { payment_date, amount, created_at };

struct PaymentFilter {
  Scope scope;
  std::optional<std::string> method, kind;
  std::optional<std::int64_t> client_id, package_id, trainer_id;
  std::optional<std::string> start_date, end_date;  // payment_date, inclusive
  std::vector<std::string> search;                  // client name, description
  Sort<PaymentSort> sort;  // empty: latest payment date first, then latest recorded
  int limit = -1, offset = 0;
};
std::vector<Payment> list_payments(soci::session& sql, const PaymentFilter& f);
std::int64_t count_payments(soci::session& sql, const PaymentFilter& f);

struct PaymentGroup {
  std::string key;  // payment method or kind
  std::int64_t count = 0, total = 0;
};
struct PaymentTotals {
  std::int64_t count = 0, total = 0, net_total = 0;
  std::vector<PaymentGroup> by_method, by_kind;
};
PaymentTotals summarize_payments(soci::session& sql, const PaymentFilter& f);

class RowBatches;
// Every column of the row but the id; the batched form is the legacy import's.
std::int64_t insert_payment(soci::session& sql, const Payment& p);
std::int64_t insert_payment(RowBatches& batches, const Payment& p);
void delete_payment(soci::session& sql, std::int64_t id);

}  // namespace the5hc::store
