#include "service/payments.hpp"

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/packages.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/bookkeeping.hpp"
#include "service/identity.hpp"
#include "service/notifications.hpp"
#include "store/database.hpp"
#include "store/fee_audit.hpp"
#include "store/packages.hpp"

namespace the5hc::service {
namespace {

std::string calculation_type(const std::string& kind) { return kind == "other" ? "payment" : kind; }

nlohmann::json breakdown_json(const domain::FeeBreakdown& b) {
  return {{"gross_amount", b.gross},         {"vat_amount", b.vat},          {"card_fee_amount", b.card_fee},
          {"net_amount", b.net},             {"vat_rate_bp", b.vat_rate_bp}, {"card_fee_rate_bp", b.card_fee_rate_bp},
          {"payment_method", domain::payment_method_label(b.method).code}};
}

}  // namespace

store::Payment record_payment(soci::session& sql, const Context& ctx, const PaymentRecord& r) {
  auto now = format_timestamp(ctx.clock.now());
  const auto& b = r.breakdown;
  store::Payment y;
  y.organization_id = r.organization_id;
  y.client_id = r.client_id;
  y.trainer_id = r.trainer_id;
  y.package_id = r.package_id;
  y.amount = b.gross;
  store::set_fee_columns(y, b);
  y.kind = r.kind;
  y.payment_date = r.payment_date;
  y.description = r.description;
  if (ctx.actor) y.created_by_id = ctx.actor->user_id;
  y.created_at = now;
  y.id = store::insert_payment(sql, y);
  auto fee = store::fee_audit_entry(b);
  fee.organization_id = r.organization_id;
  fee.package_id = r.package_id;
  fee.payment_id = y.id;
  fee.created_by_id = y.created_by_id;
  fee.calculation_type = calculation_type(r.kind);
  fee.created_at = now;
  store::insert_fee_audit(sql, fee);
  auto after = breakdown_json(b);
  after["kind"] = r.kind;
  after["payment_date"] = r.payment_date;
  after["client"] = r.client_id;
  std::string repr = r.client_name + " ₩" + domain::format_thousands(b.gross);
  audit(sql, ctx, "payment_recorded", "payment", y.id, repr, r.organization_id, {.after = after.dump()});
  audit(sql, ctx, "fee_calculated", "payment", y.id, repr, r.organization_id,
        {.after = breakdown_json(b).dump(), .extra = nlohmann::json{{"formula", "vat_inclusive"},
                                                                    {"calculation_type", calculation_type(r.kind)}}
                                                         .dump()});
  notify(sql, ctx, "payment_received",
         {{"client", r.client_name}, {"amount", std::to_string(b.gross)}, {"method", y.payment_method}},
         {.organization_id = r.organization_id, .type = "payment", .id = y.id,
          .url = "/clients/" + std::to_string(r.client_id) + "/"});
  return *store::find_payment(sql, y.id);
}

PaymentView create_payment(const Context& ctx, const NewPayment& in) {
  require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) -> PaymentView {
    auto client = client_for_write(sql, ctx, in.client_id);
    if (in.package_id) {
      auto package = store::find_package(sql, *in.package_id);
      if (!package || package->organization_id != client.organization_id)
        throw Error::field("package", i18n::args("Invalid pk \"{id}\" - object does not exist.",
                                                 {{"id", std::to_string(*in.package_id)}}));
      if (package->client_id != client.id)
        // 선택한 패키지는 이 회원의 패키지가 아닙니다.
        throw Error::field("package", "The selected package does not belong to this client.");
    }
    auto org = organization_of(sql, client.organization_id);
    auto today = local_today(ctx, org);
    std::string date = in.payment_date.value_or(today.str());
    auto errors = domain::validate_payment_fields(in.amount, to_sys_days(*parse_date(date)), to_sys_days(today));
    if (!errors.empty()) throw Error::validation(errors);
    PaymentRecord r{.organization_id = client.organization_id,
                    .client_id = client.id,
                    .trainer_id = client.fields.trainer_id,
                    .package_id = in.package_id,
                    .kind = "other",
                    .payment_date = date,
                    .description = in.description,
                    .client_name = client.fields.name,
                    .breakdown = domain::fee_breakdown(in.amount, in.method, org.vat_rate_bp, org.card_fee_rate_bp)};
    return {record_payment(sql, ctx, r), actor_zone(ctx)};
  });
}

PaymentView get_payment(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) -> PaymentView {
    records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
    auto y = store::find_payment(sql, id);
    if (!y) throw Error::not_found();
    authorize_record(ctx, y->organization_id, y->client_trainer_id);
    return {*y, actor_zone(ctx)};
  });
}

namespace {

store::PaymentFilter filter_of(const Context& ctx, const PaymentQuery& q) {
  store::PaymentFilter f;
  f.scope = records_scope(ctx);
  f.client_id = q.client_id;
  f.trainer_id = q.trainer_id;
  f.start_date = q.start_date;
  f.end_date = q.end_date;
  return f;
}

}  // namespace

store::PaymentFilter payment_filter(const Context& ctx, const PaymentQuery& q) {
  auto f = filter_of(ctx, q);
  f.package_id = q.package_id;
  f.method = q.method;
  f.kind = q.kind;
  f.search = q.search;
  f.sort = q.sort;
  f.limit = q.limit;
  f.offset = q.offset;
  return f;
}

Rows<store::Payment> list_payments(const Context& ctx, const PaymentQuery& q) {
  auto f = payment_filter(ctx, q);
  return ctx.db.read([&](soci::session& sql) {
    auto count = store::count_payments(sql, f);
    return Rows<store::Payment>{count, store::list_payments(sql, f), actor_zone(ctx)};
  });
}

store::PaymentTotals summarize_payments(const Context& ctx, const PaymentQuery& q) {
  auto f = filter_of(ctx, q);
  return ctx.db.read([&](soci::session& sql) { return store::summarize_payments(sql, f); });
}

void delete_payment(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  ctx.db.write([&](soci::session& sql) {
    records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
    auto y = store::find_payment(sql, id);
    if (!y) throw Error::not_found();
    authorize_record(ctx, y->organization_id, y->client_trainer_id);
    // owners only; the kind is checked after so that an owner learns why (409) instead of a bare 403
    authorize(ctx, domain::Action::delete_payment,
              {.organization_id = y->organization_id, .trainer_id = y->client_trainer_id, .payment_kind_other = true});
    if (y->kind != "other")
      // 패키지 구매와 충전 결제는 삭제할 수 없습니다.
      throw Error(ErrorCode::conflict, "Only payments of kind \"other\" can be deleted.");
    store::delete_payment(sql, id);
    nlohmann::json before{{"amount", y->amount}, {"payment_method", y->payment_method}, {"kind", y->kind},
                          {"payment_date", y->payment_date}, {"client", y->client_id}};
    audit(sql, ctx, "payment_deleted", "payment", id, y->client_name + " ₩" + domain::format_thousands(y->amount),
          y->organization_id, {.before = before.dump()});
  });
}

domain::FeeBreakdown preview_fees(const Context& ctx, domain::Krw amount, domain::PaymentMethod method) {
  records_scope(ctx);
  int vat = domain::default_vat_rate_bp, fee = domain::default_card_fee_rate_bp;
  if (const auto& org = ctx.actor->organization) {  // the rates came with the actor
    vat = org->vat_rate_bp;
    fee = org->card_fee_rate_bp;
  }
  try {
    return domain::fee_breakdown(amount, method, vat, fee);
  } catch (const Error& e) {
    if (e.fields().count("gross")) throw Error::field("amount", e.fields().at("gross").front());
    throw;
  }
}

}  // namespace the5hc::service
