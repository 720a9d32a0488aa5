#pragma once
// The personal dashboard's figures (API.md §3.8, WEB.md §4.2), scoped to what the caller sees; "this month" and
// weeks (Monday–Sunday) in the organisation's zone.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"

namespace the5hc::service {

struct WeekCount {
  std::string week_start, week_end;
  std::int64_t count = 0;
};
struct MonthTotal {
  std::string month;  // YYYY-MM
  std::int64_t total = 0;
};

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
};

DashboardStats dashboard_stats(const Context& ctx);

}  // namespace the5hc::service
