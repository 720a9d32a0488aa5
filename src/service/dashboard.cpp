#include "service/dashboard.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/permissions.hpp"
#include "domain/money.hpp"
#include "domain/rounding.hpp"
#include "service/authorization.hpp"
#include "service/bookkeeping.hpp"
#include "service/identity.hpp"
#include "service/packages.hpp"
#include "store/database.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/dashboard.hpp"
#include "store/organizations.hpp"
#include "store/packages.hpp"
#include "store/payments.hpp"
#include "store/sessions.hpp"

namespace the5hc::service {
namespace {

Date first_of_month(int year, int month) { return {year, month, 1}; }
Date shift_months(Date first, int n) {
  int index = first.year * 12 + (first.month - 1) + n;
  return {index / 12, index % 12 + 1, 1};
}

std::int64_t sessions_between(soci::session& sql, const store::Scope& scope, Date from, Date to) {
  store::SessionFilter f;
  f.scope = scope;
  f.start_date = from.str();
  f.end_date = to.str();
  f.exclude_cancelled = true;
  return store::count_sessions(sql, f);
}

std::int64_t revenue_between(soci::session& sql, const store::Scope& scope, Date from, Date to) {
  store::PaymentFilter f;
  f.scope = scope;
  f.start_date = from.str();
  f.end_date = to.str();
  return store::summarize_payments(sql, f).total;
}

constexpr std::size_t kRecentEvents = 10;

}  // namespace

DashboardStats dashboard_stats(const Context& ctx, DashboardDetail detail) {
  const auto& actor = require_actor(ctx);
  auto scope = visibility_scope(ctx);
  DashboardStats st;
  st.money_visible = domain::authorize(domain_actor(actor), domain::Action::view_revenue,
                                       {.organization_id = actor.organization_id, .trainer_id = actor.trainer_id}) ==
                         domain::Access::allowed;
  ctx.db.read([&](soci::session& sql) {
    const std::string zone = actor_zone(ctx);
    Date today = local_date(ctx.clock.now(), zone);
    Date month = first_of_month(today.year, today.month), next = shift_months(month, 1);
    int weekday = static_cast<int>(std::chrono::weekday(to_sys_days(today)).iso_encoding());  // 1 = Monday
    Date monday = add_days(today, 1 - weekday);

    store::DashboardPeriods periods;
    periods.month_start_at = format_timestamp(start_of_day(month, zone));
    periods.next_month_start_at = format_timestamp(start_of_day(next, zone));
    periods.week_start_at = format_timestamp(start_of_day(monday, zone));
    periods.activity_cutoff = add_days(today, -30).str();  // DOMAIN.md §1.5, as domain::is_active_client
    periods.month = {month.str(), add_days(next, -1).str()};
    for (int i = 6; i >= 0; --i) {  // weeks Monday–Sunday; the current week last
      Date start = add_days(monday, -7 * i);
      periods.weeks.push_back({start.str(), add_days(start, 6).str()});
    }
    periods.money = st.money_visible;
    periods.page_panels = detail == DashboardDetail::page;
    for (int i = 5; st.money_visible && i >= 0; --i) {
      Date m = shift_months(month, -i);
      periods.months.push_back({m.str(), add_days(shift_months(m, 1), -1).str()});
    }
    auto f = store::dashboard_figures(sql, scope, periods);

    st.total_clients = f.total_clients;
    st.new_clients_this_month = f.new_clients_this_month;
    st.active_clients = f.active_clients;
    st.total_assessments = f.total_assessments;
    st.assessments_this_month = f.assessments_this_month;
    if (f.average_overall_this_month) st.average_overall_this_month = domain::round1(*f.average_overall_this_month);
    st.sessions_this_month = f.sessions_this_month;
    st.completed_sessions_this_month = f.completed_sessions_this_month;
    for (std::size_t i = 0; i < periods.weeks.size(); ++i)
      st.weekly_sessions.push_back({periods.weeks[i].from, periods.weeks[i].to, f.weekly_sessions[i]});

    if (periods.page_panels) {
      st.new_clients_this_week = f.new_clients_this_week;
      // The latest events of each kind, merged newest first (WEB.md §4.2 최근 활동; payments only with money).
      st.recent_activity = store::latest_events(sql, scope, static_cast<int>(kRecentEvents), st.money_visible);
      std::stable_sort(st.recent_activity.begin(), st.recent_activity.end(),
                       [](const auto& a, const auto& b) { return a.at > b.at; });
      if (st.recent_activity.size() > kRecentEvents) st.recent_activity.resize(kRecentEvents);
    }

    if (!st.money_visible) return;
    st.active_packages = f.active_packages;
    st.total_package_sessions = f.active_package_sessions;
    if (periods.page_panels) {
      st.package_sales_total = f.package_sales_total;
      st.package_average_amount = domain::average_amount(f.package_sales_total, f.packages_sold);
    }
    for (std::size_t i = 0; i < periods.months.size(); ++i)  // YYYY-MM of the month's first day
      st.monthly_revenue.push_back({periods.months[i].from.substr(0, 7), f.monthly_revenue[i]});
    st.revenue_this_month = st.monthly_revenue.back().total;
    st.revenue_last_month = st.monthly_revenue[st.monthly_revenue.size() - 2].total;
    if (st.revenue_last_month > 0)
      st.revenue_growth_percent =
          domain::round1(100.0 * double(st.revenue_this_month - st.revenue_last_month) / double(st.revenue_last_month));
  });
  return st;
}

OrganizationDashboard organization_dashboard(const Context& ctx, std::int64_t organization_id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    auto org = store::find_organization(sql, organization_id);
    if (!org) throw Error::not_found();
    authorize(ctx, domain::Action::view_organization, {.organization_id = organization_id});  // other studio: 404
    authorize(ctx, domain::Action::view_org_dashboard, {.organization_id = organization_id});
    OrganizationDashboard d;
    d.organization_id = org->id;
    d.organization_name = org->name;
    d.timezone = org->timezone;
    d.max_trainers = org->max_trainers;
    d.active_trainers = store::count_active_trainers(sql, org->id);
    Date today = local_date(ctx.clock.now(), org->timezone);
    Date since = add_days(today, -30), month = first_of_month(today.year, today.month);
    store::Scope scope{org->id, std::nullopt, false};

    store::ClientFilter active;
    active.organization_id = org->id;
    active.active = true;
    active.today = today.str();
    active.activity_cutoff = since.str();
    d.active_clients = store::count_clients(sql, active);
    d.revenue_30d = revenue_between(sql, scope, since, today);
    d.sessions_this_month = sessions_between(sql, scope, month, add_days(shift_months(month, 1), -1));
    store::PackageFilter running;
    running.scope = scope;
    running.status = domain::PackageStatus::active;
    d.renewal_due = count_renewal_due(store::list_packages(sql, running));

    for (const auto& t : store::list_trainers(sql, org->id)) {
      if (!t.is_active) continue;
      TrainerPerformance p{t.id, t.name, t.role};
      auto mine = active;
      mine.trainer_id = t.id;
      p.active_clients = store::count_clients(sql, mine);
      store::AssessmentFilter assessments;
      assessments.organization_id = org->id;
      assessments.trainer_id = t.id;
      assessments.date_from = since.str();
      assessments.date_to = today.str();
      p.assessments_30d = store::count_assessments(sql, assessments);
      store::SessionFilter sessions;
      sessions.scope = scope;
      sessions.trainer_id = t.id;
      sessions.start_date = since.str();
      sessions.end_date = today.str();
      sessions.exclude_cancelled = true;
      p.sessions_30d = store::count_sessions(sql, sessions);
      store::PaymentFilter payments;
      payments.scope = scope;
      payments.trainer_id = t.id;
      payments.start_date = since.str();
      payments.end_date = today.str();
      p.revenue_30d = store::summarize_payments(sql, payments).total;
      d.trainers.push_back(std::move(p));
    }
    std::stable_sort(d.trainers.begin(), d.trainers.end(),
                     [](const auto& a, const auto& b) { return a.revenue_30d > b.revenue_30d; });
    store::AuditFilter recent;
    recent.organization_id = org->id;
    d.recent_activity = store::list_audit(sql, recent, 20, 0);
    return d;
  });
}

}  // namespace the5hc::service
