#include "service/dashboard.hpp"

#include <algorithm>
#include <cstdio>

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
std::string month_code(Date d) {
  char buf[24];  // room for any int, so the compiler can prove no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

std::int64_t sessions_between(soci::session& sql, const store::Scope& scope, Date from, Date to,
                              std::optional<std::string> status = {}) {
  store::SessionFilter f;
  f.scope = scope;
  f.start_date = from.str();
  f.end_date = to.str();
  f.status = std::move(status);
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

constexpr size_t kRecentEvents = 10;

// The latest events of each kind, merged newest first (WEB.md §4.2 최근 활동).
std::vector<ActivityEvent> recent_activity(soci::session& sql, const store::Scope& scope,
                                           store::ClientFilter clients, bool money_visible) {
  std::vector<ActivityEvent> events;
  if (scope.nothing) return events;
  const int n = static_cast<int>(kRecentEvents);
  for (const auto& c : store::list_clients(sql, clients, {{store::ClientSort::created_at, true}}, n, 0))
    events.push_back({"client_added", c.id, c.fields.name, std::nullopt, 0, c.created_at});
  store::AssessmentFilter assessments;
  assessments.organization_id = scope.organization_id;
  assessments.only_client_trainer_id = scope.trainer_id;
  for (const auto& a : store::list_assessments(sql, assessments, {{store::AssessmentSort::created_at, true}}, n, 0))
    events.push_back({"assessment_completed", a.meta.client_id, a.client_name, a.results.scores.overall_score, 0,
                      a.created_at});
  store::SessionFilter sessions;
  sessions.scope = scope;
  sessions.status = "completed";
  sessions.sort = {{store::SessionSort::completed_at, true}};
  sessions.limit = n;
  for (const auto& s : store::list_sessions(sql, sessions))
    events.push_back({"session_completed", s.client_id, s.client_name, std::nullopt, 0,
                      s.completed_at.value_or(s.created_at)});
  if (money_visible) {
    store::PaymentFilter payments;
    payments.scope = scope;
    payments.sort = {{store::PaymentSort::created_at, true}};
    payments.limit = n;
    for (const auto& p : store::list_payments(sql, payments))
      events.push_back({"payment", p.client_id, p.client_name, std::nullopt, p.amount, p.created_at});
  }
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.at > b.at; });
  if (events.size() > kRecentEvents) events.resize(kRecentEvents);
  return events;
}

}  // namespace

DashboardStats dashboard_stats(const Context& ctx) {
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
    Date month_end = add_days(next, -1);

    store::ClientFilter clients;
    clients.organization_id = scope.organization_id;
    clients.only_trainer_id = scope.trainer_id;
    st.total_clients = scope.nothing ? 0 : store::count_clients(sql, clients);
    auto created = clients;
    created.created_from = format_timestamp(start_of_day(month, zone));
    created.created_to = format_timestamp(start_of_day(next, zone));
    st.new_clients_this_month = scope.nothing ? 0 : store::count_clients(sql, created);
    auto active = clients;
    active.active = true;  // DOMAIN.md §1.5, the clients store's form of domain::is_active_client
    active.today = today.str();
    active.activity_cutoff = add_days(today, -30).str();
    st.active_clients = scope.nothing ? 0 : store::count_clients(sql, active);
    int weekday = static_cast<int>(std::chrono::weekday(to_sys_days(today)).iso_encoding());  // 1 = Monday
    auto this_week = clients;
    this_week.created_from = format_timestamp(start_of_day(add_days(today, 1 - weekday), zone));
    st.new_clients_this_week = scope.nothing ? 0 : store::count_clients(sql, this_week);
    auto listed = clients;  // the list query derives activity, which needs the day
    listed.today = active.today;
    listed.activity_cutoff = active.activity_cutoff;
    st.recent_activity = recent_activity(sql, scope, listed, st.money_visible);

    store::AssessmentFilter assessments;
    assessments.organization_id = scope.organization_id;
    assessments.only_client_trainer_id = scope.trainer_id;
    st.total_assessments = scope.nothing ? 0 : store::count_assessments(sql, assessments);
    assessments.date_from = month.str();
    assessments.date_to = month_end.str();
    st.assessments_this_month = scope.nothing ? 0 : store::count_assessments(sql, assessments);
    if (auto average = store::average_overall_score(sql, scope, month.str(), month_end.str()))
      st.average_overall_this_month = domain::round1(*average);

    st.sessions_this_month = sessions_between(sql, scope, month, month_end);
    st.completed_sessions_this_month = sessions_between(sql, scope, month, month_end, "completed");
    // weeks Monday–Sunday; the current week last
    Date monday = add_days(today, 1 - weekday);
    for (int i = 6; i >= 0; --i) {
      Date start = add_days(monday, -7 * i), end = add_days(start, 6);
      st.weekly_sessions.push_back({start.str(), end.str(), sessions_between(sql, scope, start, end)});
    }

    if (!st.money_visible) return;
    auto packages = store::active_packages(sql, scope);
    st.active_packages = packages.count;
    st.total_package_sessions = packages.total_sessions;
    store::PackageFilter all_packages;
    all_packages.scope = scope;
    auto sold = scope.nothing ? std::vector<store::Package>{} : store::list_packages(sql, all_packages);
    for (const auto& p : sold) st.package_sales_total += p.counters.total_amount;
    st.package_average_amount = domain::average_amount(st.package_sales_total, static_cast<std::int64_t>(sold.size()));
    st.revenue_this_month = revenue_between(sql, scope, month, month_end);
    Date last = shift_months(month, -1);
    st.revenue_last_month = revenue_between(sql, scope, last, add_days(month, -1));
    if (st.revenue_last_month > 0)
      st.revenue_growth_percent =
          domain::round1(100.0 * double(st.revenue_this_month - st.revenue_last_month) / double(st.revenue_last_month));
    for (int i = 5; i >= 0; --i) {
      Date m = shift_months(month, -i);
      st.monthly_revenue.push_back({month_code(m), revenue_between(sql, scope, m, add_days(shift_months(m, 1), -1))});
    }
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
