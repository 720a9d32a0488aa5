#include "service/studio.hpp"

#include <chrono>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/packages.hpp"
#include "service/authorization.hpp"
#include "service/bookkeeping.hpp"
#include "service/identity.hpp"
#include "store/clients.hpp"
#include "store/database.hpp"
#include "store/packages.hpp"
#include "store/payments.hpp"
#include "store/sessions.hpp"

namespace the5hc::service {
namespace {

constexpr int kAllRows = 1'000'000'000;  // every client (PostgreSQL has no LIMIT -1)

Date today_of(const Context& ctx) { return local_date(ctx.clock.now(), actor_zone(ctx)); }

// The clients the caller may record money for, by name; the scope is the records' (assistants → 403).
std::vector<ClientChoice> client_choices(soci::session& sql, const Context& ctx) {
  auto scope = records_scope(ctx);
  std::vector<ClientChoice> out;
  if (scope.nothing) return out;
  store::ClientFilter f;
  f.organization_id = scope.organization_id;
  f.only_trainer_id = scope.trainer_id;
  f.today = today_of(ctx).str();
  f.activity_cutoff = add_days(today_of(ctx), -30).str();
  for (const auto& c : store::list_clients(sql, f, {{store::ClientSort::name, false}}, kAllRows, 0))
    out.push_back({c.id, c.fields.name});
  return out;
}

}  // namespace

PackageBoard package_board(const Context& ctx, const PackageQuery& q) {
  require_actor(ctx);
  auto f = package_filter(ctx, q);
  return ctx.db.read([&](soci::session& sql) {
    PackageBoard out;
    out.list = PackageList{store::count_packages(sql, f), store::list_packages(sql, f), actor_zone(ctx)};
    store::PackageFilter all;
    all.scope = f.scope;
    auto every = f.scope.nothing ? std::vector<store::Package>{} : store::list_packages(sql, all);
    out.total_packages = static_cast<std::int64_t>(every.size());
    for (const auto& p : every) {
      out.sales_total += p.counters.total_amount;
      if (domain::package_status(p.counters) == domain::PackageStatus::active) ++out.active_packages;
    }
    out.average_amount = domain::average_amount(out.sales_total, out.total_packages);
    out.renewal_due = count_renewal_due(every);
    return out;
  });
}

PackageOverview package_overview(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    PackageOverview out;
    out.package = PackageView{visible_package(sql, ctx, id), actor_zone(ctx)};
    store::SessionFilter sessions;
    sessions.package_id = id;
    out.sessions = store::list_sessions(sql, sessions);
    store::PaymentFilter payments;
    payments.package_id = id;
    out.payments = store::list_payments(sql, payments);
    return out;
  });
}

std::int64_t packages_due_for_renewal(const Context& ctx) {
  require_actor(ctx);
  store::PackageFilter f;
  f.scope = records_scope(ctx);
  f.status = domain::PackageStatus::active;
  if (f.scope.nothing) return 0;
  return ctx.db.read([&](soci::session& sql) { return count_renewal_due(store::list_packages(sql, f)); });
}

StudioForm studio_form(const Context& ctx, std::optional<std::int64_t> client_id, bool bookable_only) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    StudioForm out;
    out.today = today_of(ctx).str();
    out.clients = client_choices(sql, ctx);
    if (!client_id) return out;
    auto scope = records_scope(ctx);
    bool visible = false;
    for (const auto& c : out.clients) visible = visible || c.id == *client_id;
    if (!visible) return out;  // a stale or foreign client id: the form starts without a client
    out.client_id = client_id;
    store::PackageFilter f;
    f.scope = scope;
    f.client_id = client_id;
    if (bookable_only) f.status = domain::PackageStatus::active;
    for (auto& p : store::list_packages(sql, f))
      if (!bookable_only || domain::available_sessions(p.counters, p.scheduled_count) > 0)
        out.packages.push_back(std::move(p));
    return out;
  });
}

SessionBoard session_board(const Context& ctx, SessionQuery q, const std::string& period) {
  require_actor(ctx);
  SessionBoard out;
  Date today = today_of(ctx);
  int weekday = static_cast<int>(std::chrono::weekday(to_sys_days(today)).iso_encoding());  // 1 = Monday
  Date monday = add_days(today, 1 - weekday);
  Date next_month = today.month == 12 ? Date{today.year + 1, 1, 1} : Date{today.year, today.month + 1, 1};
  if (period == "today") q.start_date = q.end_date = today.str();
  if (period == "week") q.start_date = monday.str(), q.end_date = add_days(monday, 6).str();
  if (period == "month") q.start_date = Date{today.year, today.month, 1}.str(), q.end_date = add_days(next_month, -1).str();
  auto f = session_filter(ctx, q);
  return ctx.db.read([&](soci::session& sql) {
    out.list = SessionList{store::count_sessions(sql, f), store::list_sessions(sql, f), {}, actor_zone(ctx)};
    store::SessionFilter all;
    all.scope = f.scope;
    out.total = store::count_sessions(sql, all);
    all.status = "scheduled";
    out.scheduled = store::count_sessions(sql, all);
    all.status = "completed";
    out.completed = store::count_sessions(sql, all);
    all.status.reset();
    all.start_date = monday.str();
    all.end_date = add_days(monday, 6).str();
    out.this_week = store::count_sessions(sql, all);
    return out;
  });
}

CalendarPage calendar_page(const Context& ctx) {
  require_actor(ctx);
  records_scope(ctx);  // assistants → 403
  CalendarPage out;
  out.trainers = client_form(ctx, std::nullopt).trainers;
  out.zone = actor_zone(ctx);
  out.today = today_of(ctx).str();
  return out;
}

PaymentBoard payment_board(const Context& ctx, const PaymentQuery& q) {
  require_actor(ctx);
  auto f = payment_filter(ctx, q);
  return ctx.db.read([&](soci::session& sql) {
    PaymentBoard out;
    out.list = Rows<store::Payment>{store::count_payments(sql, f), store::list_payments(sql, f), actor_zone(ctx)};
    out.totals = store::summarize_payments(sql, f);
    out.clients = client_choices(sql, ctx);
    return out;
  });
}

}  // namespace the5hc::service
