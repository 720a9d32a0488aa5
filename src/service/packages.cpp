#include "service/packages.hpp"

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/packages.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/bookkeeping.hpp"
#include "service/clients.hpp"
#include "service/identity.hpp"
#include "service/payments.hpp"
#include "store/database.hpp"

namespace the5hc::service {
namespace {

nlohmann::json counters_json(const store::Package& p) {
  const auto& c = p.counters;
  auto opt = [](const std::optional<domain::Krw>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"total_amount", c.total_amount},
          {"total_sessions", c.total_sessions},
          {"remaining_sessions", c.remaining_sessions},
          {"remaining_credits", c.remaining_credits},
          {"gross_amount", opt(c.gross_amount)},
          {"vat_amount", opt(c.vat_amount)},
          {"card_fee_amount", opt(c.card_fee_amount)},
          {"net_amount", opt(c.net_amount)}};
}

// The payment date given (not in the future) or today; amount checks are the domain's.
std::string payment_date(const Context& ctx, const store::Organization& org, const std::optional<std::string>& given,
                         domain::Krw amount, const std::string& amount_field) {
  auto today = local_today(ctx, org);
  std::string date = given.value_or(today.str());
  auto errors = domain::validate_payment_fields(amount, to_sys_days(*parse_date(date)), to_sys_days(today));
  if (errors.count("amount")) errors[amount_field] = errors.extract("amount").mapped();
  if (!errors.empty()) throw Error::validation(errors);
  return date;
}

// The package's purchase or top-up payment (with its fee audit), and the package as it now reads.
PackagePayment with_payment(soci::session& sql, const Context& ctx, const store::Package& p, const std::string& kind,
                            const std::string& date, const std::string& description, const std::string& client_name,
                            const domain::FeeBreakdown& breakdown) {
  auto payment = record_payment(sql, ctx,
                                {.organization_id = p.organization_id,
                                 .client_id = p.client_id,
                                 .trainer_id = p.trainer_id,
                                 .package_id = p.id,
                                 .kind = kind,
                                 .payment_date = date,
                                 .description = description,
                                 .client_name = client_name,
                                 .breakdown = breakdown});
  return PackagePayment{*store::find_package(sql, p.id), payment, actor_zone(ctx)};
}

}  // namespace

store::Package visible_package(soci::session& sql, const Context& ctx, std::int64_t id) {
  records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
  auto p = store::find_package(sql, id);
  if (!p) throw Error::not_found();
  authorize_record(ctx, p->organization_id, p->client_trainer_id);
  return *p;
}

PackagePayment create_package(const Context& ctx, const NewPackage& in) {
  require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) {
    auto client = client_for_write(sql, ctx, in.client_id);
    auto org = organization_of(sql, client.organization_id);
    auto date = payment_date(ctx, org, in.payment_date, in.total_amount, "total_amount");
    auto purchase = domain::create_package(in.total_amount, in.total_sessions, in.session_price, in.method,
                                           org.vat_rate_bp, org.card_fee_rate_bp);
    store::Package p;
    p.organization_id = client.organization_id;
    p.client_id = client.id;
    p.trainer_id = client.fields.trainer_id;
    p.package_name = in.package_name;
    p.counters = purchase.package;
    p.vat_rate_bp = org.vat_rate_bp;
    p.card_fee_rate_bp = org.card_fee_rate_bp;
    p.notes = in.notes;
    p.created_at = p.updated_at = format_timestamp(ctx.clock.now());
    p.id = store::insert_package(sql, p);
    auto after = counters_json(p);
    after["package_name"] = p.package_name;
    after["client"] = p.client_id;
    after["session_price"] = p.counters.session_price;
    audit(sql, ctx, "package_created", "package", p.id, p.package_name, p.organization_id, {.after = after.dump()});
    // 패키지 구매: {package_name}
    return with_payment(sql, ctx, p, "package_purchase", date, "패키지 구매: " + p.package_name, client.fields.name,
                        purchase.payment);
  });
}

PackagePayment top_up_package(const Context& ctx, std::int64_t id, const TopUpInput& in) {
  require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) {
    records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
    if (!store::lock_package(sql, id, ctx.db.for_update())) throw Error::not_found();
    auto p = visible_package(sql, ctx, id);
    if (!in.input_errors.empty()) throw Error::validation(in.input_errors);
    auto org = organization_of(sql, p.organization_id);
    auto date = payment_date(ctx, org, in.payment_date, in.amount, "amount");
    auto before = counters_json(p);
    auto result = domain::top_up(p.counters, in.amount, in.sessions, in.method, org.vat_rate_bp, org.card_fee_rate_bp);
    p.counters = result.package;
    p.vat_rate_bp = org.vat_rate_bp;
    p.card_fee_rate_bp = org.card_fee_rate_bp;
    store::save_package_counters(sql, p, format_timestamp(ctx.clock.now()));
    audit(sql, ctx, "package_topped_up", "package", p.id, p.package_name, p.organization_id,
          {.before = before.dump(),
           .after = counters_json(p).dump(),
           .extra = nlohmann::json{{"sessions_added", result.sessions_added}}.dump()});
    // 크레딧 충전
    return with_payment(sql, ctx, p, "top_up", date, in.description.value_or("크레딧 충전"), p.client_name,
                        result.payment);
  });
}

PackageView update_package(const Context& ctx, std::int64_t id, const PackageChanges& ch) {
  require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) {
    records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
    if (!store::lock_package(sql, id, ctx.db.for_update())) throw Error::not_found();
    auto p = visible_package(sql, ctx, id);
    if (!ch.input_errors.empty()) throw Error::validation(ch.input_errors);
    nlohmann::json before = nlohmann::json::object(), after = nlohmann::json::object();
    auto nullable = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    if (ch.package_name && *ch.package_name != p.package_name) {
      before["package_name"] = p.package_name;
      after["package_name"] = *ch.package_name;
      p.package_name = *ch.package_name;
    }
    if (ch.notes && *ch.notes != p.notes) {
      before["notes"] = nullable(p.notes);
      after["notes"] = nullable(*ch.notes);
      p.notes = *ch.notes;
    }
    if (ch.is_active && *ch.is_active != p.counters.is_active) {
      before["is_active"] = p.counters.is_active;
      after["is_active"] = *ch.is_active;
      p.counters.is_active = *ch.is_active;
    }
    if (after.empty()) return PackageView{p, actor_zone(ctx)};
    store::save_package_details(sql, p, format_timestamp(ctx.clock.now()));
    audit(sql, ctx, "package_updated", "package", p.id, p.package_name, p.organization_id,
          {.before = before.dump(), .after = after.dump()});
    return PackageView{*store::find_package(sql, id), actor_zone(ctx)};
  });
}

PackageView get_package(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return PackageView{ctx.db.read([&](soci::session& sql) { return visible_package(sql, ctx, id); }), actor_zone(ctx)};
}

store::PackageFilter package_filter(const Context& ctx, const PackageQuery& q) {
  store::PackageFilter f;
  f.scope = records_scope(ctx);
  f.client_id = q.client_id;
  f.is_active = q.is_active;
  if (q.status) f.status = domain::parse_package_status(*q.status);
  f.search = q.search;
  f.sort = q.sort;
  f.limit = q.limit;
  f.offset = q.offset;
  return f;
}

PackageList list_packages(const Context& ctx, const PackageQuery& q) {
  auto f = package_filter(ctx, q);
  return ctx.db.read([&](soci::session& sql) {
    auto count = store::count_packages(sql, f);
    return PackageList{count, store::list_packages(sql, f), actor_zone(ctx)};
  });
}

PackageList client_packages(const Context& ctx, std::int64_t client_id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    store::PackageFilter f;
    f.client_id = visible_client(sql, ctx, client_id, domain::Action::view_client).id;  // invisible → 404
    f.scope = records_scope(ctx);                                                        // assistants → 403
    auto rows = store::list_packages(sql, f);
    return PackageList{static_cast<std::int64_t>(rows.size()), std::move(rows), actor_zone(ctx)};
  });
}

Rows<store::Session> package_sessions(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    visible_package(sql, ctx, id);
    store::SessionFilter f;
    f.package_id = id;
    auto rows = store::list_sessions(sql, f);
    return Rows<store::Session>{static_cast<std::int64_t>(rows.size()), std::move(rows), actor_zone(ctx)};
  });
}

Rows<store::Payment> package_payments(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    visible_package(sql, ctx, id);
    store::PaymentFilter f;
    f.package_id = id;
    f.sort = {{store::PaymentSort::payment_date, true}};
    auto rows = store::list_payments(sql, f);
    return Rows<store::Payment>{static_cast<std::int64_t>(rows.size()), std::move(rows), actor_zone(ctx)};
  });
}

std::int64_t count_renewal_due(const std::vector<store::Package>& packages) {
  std::int64_t due = 0;
  for (const auto& p : packages)
    if (domain::utilisation(p.counters).renewal_due) ++due;
  return due;
}

}  // namespace the5hc::service
