#include "api/dashboard_api.hpp"

#include "api/json_fields.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "service/dashboard.hpp"

namespace the5hc::api {

void register_dashboard_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/users/dashboard_stats/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto st = service::dashboard_stats(ctx, service::DashboardDetail::figures);
    auto money = [&](auto v) { return st.money_visible ? nlohmann::json(v) : nlohmann::json(nullptr); };
    nlohmann::json weeks = nlohmann::json::array(), months = nlohmann::json::array();
    for (const auto& w : st.weekly_sessions)
      weeks.push_back({{"week_start", w.week_start}, {"week_end", w.week_end}, {"count", w.count}});
    for (const auto& m : st.monthly_revenue) months.push_back({{"month", m.month}, {"total", m.total}});
    return http::json_response(
        200, {{"total_clients", st.total_clients},
              {"new_clients_this_month", st.new_clients_this_month},
              {"active_clients", st.active_clients},
              {"total_assessments", st.total_assessments},
              {"assessments_this_month", st.assessments_this_month},
              {"average_overall_this_month", nullable(st.average_overall_this_month)},
              {"active_packages", money(st.active_packages)},
              {"total_package_sessions", money(st.total_package_sessions)},
              {"sessions_this_month", st.sessions_this_month},
              {"completed_sessions_this_month", st.completed_sessions_this_month},
              {"revenue_this_month", money(st.revenue_this_month)},
              {"revenue_last_month", money(st.revenue_last_month)},
              {"revenue_growth_percent", st.money_visible ? nullable(st.revenue_growth_percent) : nullptr},
              {"weekly_sessions", weeks},
              {"monthly_revenue", st.money_visible ? months : nlohmann::json(nullptr)}});
  }, "users-dashboard-stats");
}

}  // namespace the5hc::api
