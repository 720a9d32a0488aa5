#pragma once
// The personal dashboard's figures (API.md §3.8, WEB.md §4.2), scoped to what the caller sees; "this month" and
// weeks (Monday–Sunday) in the organisation's zone.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "store/audit.hpp"
#include "store/dashboard.hpp"

namespace the5hc::service {

struct WeekCount {
  std::string week_start, week_end;
  std::int64_t count = 0;
};
struct MonthTotal {
  std::string month;  // YYYY-MM
  std::int64_t total = 0;
};

// One line of "최근 활동" (WEB.md §4.2), as the store reads it.
using ActivityEvent = store::ActivityEvent;

struct DashboardStats {
  std::int64_t total_clients = 0, new_clients_this_month = 0, active_clients = 0;
  std::int64_t total_assessments = 0, assessments_this_month = 0;
  std::optional<double> average_overall_this_month;
  std::int64_t sessions_this_month = 0, completed_sessions_this_month = 0;
  std::vector<WeekCount> weekly_sessions;  // 7 weeks, oldest first, cancelled excluded
  // package and money figures: empty for assistants (DOMAIN.md §6.2 "Dashboard revenue figures: hidden")
  bool money_visible = false;
  std::int64_t active_packages = 0, total_package_sessions = 0;
  std::int64_t revenue_this_month = 0, revenue_last_month = 0;
  std::optional<double> revenue_growth_percent;  // null when last month had no revenue
  std::vector<MonthTotal> monthly_revenue;       // 6 months, oldest first
  // the web page's panels (DashboardDetail::page only)
  std::int64_t new_clients_this_week = 0;
  std::int64_t package_sales_total = 0, package_average_amount = 0;  // money only
  std::vector<ActivityEvent> recent_activity;  // the 10 latest visible events, newest first (payments: money only)
};

// The API's figures (API.md §3.8), or also the web page's panels (WEB.md §4.2: new clients this week, package sales,
// recent activity) — a third of the work with 1,000 clients, which the API would compute and drop.
enum class DashboardDetail { figures, page };

DashboardStats dashboard_stats(const Context& ctx, DashboardDetail detail);

// The organisation dashboard (API.md §3.9, WEB.md §4.7): owners, seniors and the superuser. "30d" is the last 30 days
// up to today in the organisation's zone (today − 30 … today, as the trainer statistics count revenue); sessions
// are those not cancelled.
struct TrainerPerformance {
  std::int64_t trainer_id = 0;
  std::string name, role;
  std::int64_t active_clients = 0, assessments_30d = 0, sessions_30d = 0, revenue_30d = 0;
};
struct OrganizationDashboard {
  std::int64_t organization_id = 0;
  std::string organization_name, timezone;
  int active_trainers = 0, max_trainers = 0;
  std::int64_t active_clients = 0, revenue_30d = 0, sessions_this_month = 0;
  std::int64_t renewal_due = 0;                  // running packages at ≥ 80 % used ("재등록 상담 필요")
  std::vector<TrainerPerformance> trainers;      // active trainers, highest revenue_30d first
  std::vector<store::AuditRecord> recent_activity;  // the organisation's 20 latest audit rows
};
OrganizationDashboard organization_dashboard(const Context& ctx, std::int64_t organization_id);

}  // namespace the5hc::service
