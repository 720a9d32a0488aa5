#include "store/payments.hpp"

#include "store/batch_insert.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kFrom = "FROM payments y JOIN clients c ON c.id = y.client_id ";

const char* kSelect =
    "SELECT y.id, y.organization_id, y.client_id, y.trainer_id, y.package_id, y.amount, y.payment_method, y.kind, "
    "y.payment_date, y.description, y.vat_amount, y.card_fee_amount, y.net_amount, y.vat_rate_bp, "
    "y.card_fee_rate_bp, y.is_legacy, y.created_by_id, y.created_at, c.name, u.name, p.package_name, c.trainer_id "
    "FROM payments y JOIN clients c ON c.id = y.client_id JOIN trainers t ON t.id = y.trainer_id "
    "JOIN users u ON u.id = t.user_id LEFT JOIN session_packages p ON p.id = y.package_id ";

Payment to_payment(const Row& r) {
  Payment p;
  p.id = get_int(r, 0);
  p.organization_id = get_int(r, 1);
  p.client_id = get_int(r, 2);
  p.trainer_id = get_int(r, 3);
  p.package_id = get_opt_int(r, 4);
  p.amount = get_int(r, 5);
  p.payment_method = get_text(r, 6);
  p.kind = get_text(r, 7);
  p.payment_date = get_text(r, 8);
  p.description = get_opt_text(r, 9);
  p.vat_amount = get_opt_int(r, 10);
  p.card_fee_amount = get_opt_int(r, 11);
  p.net_amount = get_opt_int(r, 12);
  p.vat_rate_bp = get_opt_int(r, 13);
  p.card_fee_rate_bp = get_opt_int(r, 14);
  p.is_legacy = get_bool(r, 15);
  p.created_by_id = get_opt_int(r, 16);
  p.created_at = get_text(r, 17);
  p.client_name = get_text(r, 18);
  p.trainer_name = get_text(r, 19);
  p.package_name = get_opt_text(r, 20);
  p.client_trainer_id = get_int(r, 21);
  return p;
}

std::string where_sql(const PaymentFilter& f, SqlParams& p) {
  std::string w = scope_sql(f.scope, p, "y.organization_id");
  if (f.method) w += " AND y.payment_method = " + p.add(*f.method);
  if (f.kind) w += " AND y.kind = " + p.add(*f.kind);
  if (f.client_id) w += " AND y.client_id = " + p.add(*f.client_id);
  if (f.package_id) w += " AND y.package_id = " + p.add(*f.package_id);
  if (f.trainer_id) w += " AND y.trainer_id = " + p.add(*f.trainer_id);
  if (f.start_date) w += " AND y.payment_date >= " + p.add(*f.start_date);
  if (f.end_date) w += " AND y.payment_date <= " + p.add(*f.end_date);
  for (const auto& term : f.search) {
    auto like = p.add(like_pattern(term));
    w += " AND (lower(c.name) LIKE " + like + " ESCAPE '\\' OR lower(coalesce(y.description, '')) LIKE " + like +
         " ESCAPE '\\')";
  }
  return w;
}

std::vector<PaymentGroup> group_by(soci::session& sql, const PaymentFilter& f, const std::string& column) {
  SqlParams p;
  std::vector<PaymentGroup> out;
  for_each_row(sql,
               "SELECT y." + column + ", count(*), coalesce(sum(y.amount), 0) " + kFrom + "WHERE " + where_sql(f, p) +
                   " GROUP BY y." + column + " ORDER BY y." + column,
               p, [&](const Row& r) { out.push_back({get_text(r, 0), get_int(r, 1), get_int(r, 2)}); });
  return out;
}

}  // namespace

namespace {

std::string order_sql(const Sort<PaymentSort>& sort) {
  if (sort.empty()) return order_sql({{PaymentSort::payment_date, true}, {PaymentSort::created_at, true}});
  return order_by_sql(sort, [](PaymentSort key, bool descending) {
    switch (key) {
      case PaymentSort::amount: return directed("y.amount", descending);
      case PaymentSort::created_at: return directed("y.created_at", descending);
      case PaymentSort::payment_date: break;
    }
    return directed("y.payment_date", descending);
  }, "y.id");
}

}  // namespace

std::optional<Payment> find_payment(soci::session& sql, std::int64_t id) {
  SqlParams p;
  return first_row(sql, std::string(kSelect) + "WHERE y.id = " + p.add(id), p, to_payment);
}

std::vector<Payment> list_payments(soci::session& sql, const PaymentFilter& f) {
  SqlParams p;
  std::string q = std::string(kSelect) + "WHERE " + where_sql(f, p) + " ORDER BY " + order_sql(f.sort);
  if (f.limit >= 0) q += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
  std::vector<Payment> out;
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_payment(r)); });
  return out;
}

std::int64_t count_payments(soci::session& sql, const PaymentFilter& f) {
  SqlParams p;
  return fetch_int(sql, std::string("SELECT count(*) ") + kFrom + "WHERE " + where_sql(f, p), p);
}

PaymentTotals summarize_payments(soci::session& sql, const PaymentFilter& f) {
  PaymentTotals t;
  SqlParams p;
  for_each_row(sql,
               std::string("SELECT count(*), coalesce(sum(y.amount), 0), coalesce(sum(y.net_amount), 0) ") + kFrom +
                   "WHERE " + where_sql(f, p),
               p, [&](const Row& r) {
                 t.count = get_int(r, 0);
                 t.total = get_int(r, 1);
                 t.net_total = get_int(r, 2);
               });
  t.by_method = group_by(sql, f, "payment_method");
  t.by_kind = group_by(sql, f, "kind");
  return t;
}

namespace {
Columns payment_columns(const Payment& y) {
  return {{"organization_id", val(y.organization_id)},
          {"client_id", val(y.client_id)},
          {"trainer_id", val(y.trainer_id)},
          {"package_id", val(y.package_id)},
          {"amount", val(y.amount)},
          {"payment_method", val(y.payment_method)},
          {"kind", val(y.kind)},
          {"payment_date", val(y.payment_date)},
          {"description", val(y.description)},
          {"vat_amount", val(y.vat_amount)},
          {"card_fee_amount", val(y.card_fee_amount)},
          {"net_amount", val(y.net_amount)},
          {"vat_rate_bp", val(y.vat_rate_bp)},
          {"card_fee_rate_bp", val(y.card_fee_rate_bp)},
          {"is_legacy", val(y.is_legacy)},
          {"created_by_id", val(y.created_by_id)},
          {"created_at", val(y.created_at)}};
}
}  // namespace

std::int64_t insert_payment(soci::session& sql, const Payment& y) {
  return insert_row(sql, "payments", payment_columns(y));
}
std::int64_t insert_payment(RowBatches& batches, const Payment& y) {
  return batches.add("payments", payment_columns(y));
}

void delete_payment(soci::session& sql, std::int64_t id) {
  long long v = id;
  sql << "DELETE FROM payments WHERE id = :id", soci::use(v);
}

}  // namespace the5hc::store
