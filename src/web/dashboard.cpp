// The dashboard `/` (WEB.md §4.2): one call to service::dashboard_stats, numbers formatted for the cards, the two
// charts' data in data-chart-data attributes (static/charts.js draws them).
#include "web/dashboard.hpp"

#include <cstdio>

#include "common/clock.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "service/dashboard.hpp"
#include "web/format.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

// "06/02 - 06/08" from two YYYY-MM-DD dates.
std::string week_label(const std::string& start, const std::string& end) {
  return start.substr(5, 2) + "/" + start.substr(8, 2) + " - " + end.substr(5, 2) + "/" + end.substr(8, 2);
}

// "2025년 06월" / "Jun 2025" from YYYY-MM.
std::string month_label(const std::string& month, Lang lang) {
  if (lang == Lang::ko) return month.substr(0, 4) + "년 " + month.substr(5, 2) + "월";
  std::string date = long_date(month + "-01", lang);  // "Jun 1, 2025"
  return date.substr(0, 3) + " " + month.substr(0, 4);
}

std::string activity_text(const service::ActivityEvent& e, Lang lang) {
  if (e.kind == "client_added") return i18n::translate(lang, i18n::args("New client: {name}", {{"name", e.client_name}}));
  if (e.kind == "assessment_completed") {
    if (e.overall_score)
      return i18n::translate(lang, i18n::args("Assessment completed: {name} (overall {score})",
                                              {{"name", e.client_name}, {"score", one_decimal(e.overall_score)}}));
    return i18n::translate(lang, i18n::args("Assessment recorded: {name}", {{"name", e.client_name}}));
  }
  if (e.kind == "session_completed")
    return i18n::translate(lang, i18n::args("Session completed: {name}", {{"name", e.client_name}}));
  return i18n::translate(lang, i18n::args("Payment: {name} {amount}", {{"name", e.client_name}, {"amount", money(e.amount)}}));
}

json view_of(const service::DashboardStats& st, const service::Actor& actor, TimePoint now, Lang lang) {
  auto count = [lang](std::string_view msgid, std::int64_t n) {
    return i18n::translate(lang, msgid, {{"n", std::to_string(n)}});
  };
  auto clients = [lang](std::int64_t n) { return plural(lang, "{n} client", "{n} clients", n); };
  json weeks = {{"labels", json::array()}, {"values", json::array()}};
  for (const auto& w : st.weekly_sessions) {
    weeks["labels"].push_back(week_label(w.week_start, w.week_end));
    weeks["values"].push_back(w.count);
  }
  json months = {{"labels", json::array()}, {"values", json::array()}};
  for (const auto& m : st.monthly_revenue) {
    months["labels"].push_back(month_label(m.month, lang));
    months["values"].push_back(m.total);
  }
  json activity = json::array();
  for (const auto& e : st.recent_activity) {
    auto at = parse_timestamp(e.at);
    activity.push_back({{"text", activity_text(e, lang)}, {"kind", e.kind}, {"client_id", e.client_id},
                        {"when", at ? relative_time(*at, now, lang) : ""}});
  }
  json v = {
      {"greeting", i18n::translate(lang, i18n::args("Welcome, {name}!", {{"name", actor.name}}))},
      {"assistant", !st.money_visible},
      {"total_clients", clients(st.total_clients)},
      {"new_clients_this_month", count("+{n} this month", st.new_clients_this_month)},
      {"sessions_this_month", plural(lang, "{n} session", "{n} sessions", st.sessions_this_month)},
      {"completed_sessions", count("Completed: {n}", st.completed_sessions_this_month)},
      {"assessments_this_month", plural(lang, "{n} assessment", "{n} assessments", st.assessments_this_month)},
      {"average_overall", st.average_overall_this_month
                              ? i18n::translate(lang, "{x} points", {{"x", one_decimal(st.average_overall_this_month)}})
                              : "-"},
      {"new_clients_this_week", clients(st.new_clients_this_week)},
      {"new_clients_month_panel", clients(st.new_clients_this_month)},
      {"weekly_chart", weeks.dump()},
      {"activity", activity},
      {"has_activity", !activity.empty()}};
  if (st.money_visible) {
    v["active_packages"] = plural(lang, "{n} package", "{n} packages", st.active_packages);
    v["package_sessions"] = count("Sessions in packages: {n}", st.total_package_sessions);
    v["revenue_this_month"] = money(st.revenue_this_month);
    if (st.revenue_growth_percent) {
      double g = *st.revenue_growth_percent;
      v["growth"] = {{"up", g >= 0}, {"text", one_decimal(g < 0 ? -g : g) + "%"}};
    }
    v["monthly_chart"] = months.dump();
    v["package_sales_total"] = money(st.package_sales_total);
    v["package_average"] = money(st.package_average_amount);
  }
  return v;
}

}  // namespace

void register_dashboard_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto stats = service::dashboard_stats(ctx, service::DashboardDetail::page);
    Page page;
    page.title = i18n::tr(req.lang, "Dashboard");
    page.content = "dashboard/index";
    page.data = view_of(stats, *ctx.actor, deps.clock.now(), req.lang);
    return respond(req, deps, std::move(page));
  }, "dashboard");
}

}  // namespace the5hc::web
