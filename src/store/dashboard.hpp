#pragma once
// The personal dashboard's figures (API.md §3.8, WEB.md §4.2) in two statements: every count and sum in one, the
// latest events of each kind in the other. They were 46 queries (a count or a sum each, three per revenue month):
// on PostgreSQL each was a round trip, on SQLite each filtered client count read every client of the organisation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/scope.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct DateRange {
  std::string from, to;  // YYYY-MM-DD, both included
};

// What "this month", "this week" and "active" mean today in the organisation's zone (the service decides).
struct DashboardPeriods {
  // clients created in [month_start_at, next_month_start_at) and since week_start_at (UTC timestamps)
  std::string month_start_at, next_month_start_at, week_start_at;
  bool page_panels = false;       // also the clients created this week and every package sold (the web page)
  std::string activity_cutoff;    // active: latest activity on or after this day (DOMAIN.md §1.5)
  DateRange month;                // assessments and sessions of this month
  std::vector<DateRange> weeks;   // sessions per week
  bool money = false;             // also the package and revenue figures
  std::vector<DateRange> months;  // revenue per month (money only)
};

struct DashboardFigures {
  std::int64_t total_clients = 0, new_clients_this_month = 0, active_clients = 0;
  std::int64_t new_clients_this_week = 0;  // page panels only
  std::int64_t total_assessments = 0, assessments_this_month = 0;
  std::optional<double> average_overall_this_month;  // of the scored assessments dated this month
  std::int64_t sessions_this_month = 0, completed_sessions_this_month = 0;  // cancelled ones are not counted
  std::vector<std::int64_t> weekly_sessions;                             // one per DashboardPeriods::weeks
  // money only: those in status active (is_active with sessions left), and every package sold (page panels only)
  std::int64_t active_packages = 0, active_package_sessions = 0, packages_sold = 0, package_sales_total = 0;
  std::vector<std::int64_t> monthly_revenue;  // one per DashboardPeriods::months
};

// The figures of what `scope` sees, in one statement. A scope of nothing counts nothing and asks nothing.
DashboardFigures dashboard_figures(soci::session& sql, const Scope& scope, const DashboardPeriods& periods);

// One line of "최근 활동" (WEB.md §4.2).
struct ActivityEvent {
  std::string kind;  // client_added | assessment_completed | session_completed | payment
  std::int64_t client_id = 0;
  std::string client_name;
  std::optional<double> overall_score;  // assessment_completed
  std::int64_t amount = 0;              // payment
  std::string at;                       // UTC timestamp
};

// The `per_kind` latest events of each kind `scope` sees — clients added and assessments (by creation), sessions
// completed (by completion), payments (by creation; only `with_payments`) — kind after kind in that order, each
// newest first, in one statement.
std::vector<ActivityEvent> latest_events(soci::session& sql, const Scope& scope, int per_kind, bool with_payments);

}  // namespace the5hc::store
