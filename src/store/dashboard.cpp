#include "store/dashboard.hpp"

#include "store/row.hpp"

namespace the5hc::store {
namespace {

// Each figure is a count or sum over one index range and nothing else: SQLite counts an index entry for about 360
// instructions, but testing a column of each entry (SUM(CASE WHEN …)) costs about 600 more per test — so "this
// month" and "this week" are two ranges rather than two tests in one pass over their union.

std::string within(const std::string& column, const DateRange& range, SqlParams& p) {
  return column + " >= " + p.add(range.from) + " AND " + column + " <= " + p.add(range.to);
}

// The client of a record, for a trainer's scope (scope_sql's c.trainer_id); every record has one (foreign key), so
// the join only filters by trainer.
std::string client_join(const Scope& scope, const char* client_id) {
  return scope.trainer_id ? std::string(" JOIN clients c ON c.id = ") + client_id : "";
}

// The totals are kept on the organisation's and the trainer's rows (migration 0011), read as count_clients and
// count_assessments read them; counted only where no such row holds them.
std::string total_clients(const Scope& scope, SqlParams& p) {
  if (scope.trainer_id) {
    std::string q = "SELECT t.client_count FROM trainers t WHERE t.id = " + p.add(*scope.trainer_id);
    if (scope.organization_id) q += " AND t.organization_id = " + p.add(*scope.organization_id);
    return q;
  }
  if (scope.organization_id)
    return "SELECT o.client_count FROM organizations o WHERE o.id = " + p.add(*scope.organization_id);
  return "SELECT count(*) FROM clients";
}

std::string total_assessments(const Scope& scope, SqlParams& p) {
  if (scope.organization_id && !scope.trainer_id)
    return "SELECT o.assessment_count FROM organizations o WHERE o.id = " + p.add(*scope.organization_id);
  return "SELECT count(*) FROM assessments a" + client_join(scope, "a.client_id") + " WHERE " +
         scope_sql(scope, p, "a.organization_id");
}

// Clients created since `from` (before `to`, if given): ix_clients_organization_created.
std::string clients_created(const Scope& scope, SqlParams& p, const std::string& from, const std::string& to = "") {
  std::string q = "SELECT count(*) FROM clients c WHERE " + scope_sql(scope, p, "c.organization_id") +
                  " AND c.created_at >= " + p.add(from);
  return to.empty() ? q : q + " AND c.created_at < " + p.add(to);
}

// The SQL form of domain::is_active_client (as the clients store filters it): latest activity on or after the
// cut-off — a future booking is itself such an activity. ix_clients_organization_activity.
std::string active_clients(const Scope& scope, const DashboardPeriods& d, SqlParams& p) {
  return "SELECT count(*) FROM clients c WHERE " + scope_sql(scope, p, "c.organization_id") +
         " AND c.latest_activity_date >= " + p.add(d.activity_cutoff);
}

// This month's assessments and their average overall score (which skips unscored ones), one row; without a
// trainer from ix_assessments_organization_listed_score alone.
std::string assessments_of_month(const Scope& scope, const DashboardPeriods& d, SqlParams& p) {
  return "SELECT count(*) AS n, avg(a.overall_score) AS average FROM assessments a" +
         client_join(scope, "a.client_id") + " WHERE " + scope_sql(scope, p, "a.organization_id") + " AND " +
         within("a.date", d.month, p);
}

// Sessions dated in `range` that are not cancelled (or only the completed ones): from
// ix_sessions_organization_date_status alone (migration 0013).
std::string sessions(const Scope& scope, const DateRange& range, SqlParams& p, bool only_completed = false) {
  return "SELECT count(*) FROM sessions s" + client_join(scope, "s.client_id") + " WHERE " +
         scope_sql(scope, p, "s.organization_id") + " AND " + within("s.session_date", range, p) +
         (only_completed ? " AND s.status = 'completed'" : " AND s.status <> 'cancelled'");
}

// Every package sold (count, amount) and those in status active (is_active with sessions left), one row each; the
// active ones from ix_session_packages_organization_running alone (migration 0013).
std::string packages(const Scope& scope, SqlParams& p, bool active) {
  return std::string("SELECT count(*) AS n, coalesce(sum(") + (active ? "p.total_sessions" : "p.total_amount") +
         "), 0) AS total FROM session_packages p" + client_join(scope, "p.client_id") + " WHERE " +
         scope_sql(scope, p, "p.organization_id") + (active ? " AND p.is_active = 1 AND p.remaining_sessions > 0" : "");
}

// The amount paid in `month`: from ix_payments_organization_date_amount alone (migration 0013).
std::string revenue(const Scope& scope, const DateRange& month, SqlParams& p) {
  return "SELECT coalesce(sum(y.amount), 0) FROM payments y" + client_join(scope, "y.client_id") + " WHERE " +
         scope_sql(scope, p, "y.organization_id") + " AND " + within("y.payment_date", month, p);
}

}  // namespace

DashboardFigures dashboard_figures(soci::session& sql, const Scope& scope, const DashboardPeriods& periods) {
  DashboardFigures f;
  f.weekly_sessions.assign(periods.weeks.size(), 0);
  const bool money = periods.money;
  if (money) f.monthly_revenue.assign(periods.months.size(), 0);
  if (scope.nothing) return f;
  // One row: a column per scalar figure, the two-figure parts joined beside them.
  SqlParams p;
  std::string q = "SELECT coalesce((" + total_clients(scope, p) + "), 0)";
  q += ", (" + clients_created(scope, p, periods.month_start_at, periods.next_month_start_at) + ")";
  q += ", (" + active_clients(scope, periods, p) + ")";
  q += ", coalesce((" + total_assessments(scope, p) + "), 0), a.n, a.average";
  q += ", (" + sessions(scope, periods.month, p) + ")";
  q += ", (" + sessions(scope, periods.month, p, true) + ")";
  for (const auto& week : periods.weeks) q += ", (" + sessions(scope, week, p) + ")";
  if (money) {
    q += ", running.n, running.total";
    for (const auto& month : periods.months) q += ", (" + revenue(scope, month, p) + ")";
  }
  if (periods.page_panels) {
    q += ", (" + clients_created(scope, p, periods.week_start_at) + ")";  // nothing is created after now
    if (money) q += ", sold.n, sold.total";
  }
  q += " FROM (" + assessments_of_month(scope, periods, p) + ") a";
  if (money) q += " CROSS JOIN (" + packages(scope, p, true) + ") running";
  if (money && periods.page_panels) q += " CROSS JOIN (" + packages(scope, p, false) + ") sold";
  for_each_row(sql, q, p, [&](const Row& r) {
    std::size_t i = 0;
    f.total_clients = get_int(r, i++);
    f.new_clients_this_month = get_int(r, i++);
    f.active_clients = get_int(r, i++);
    f.total_assessments = get_int(r, i++);
    f.assessments_this_month = get_int(r, i++);
    f.average_overall_this_month = get_opt_real(r, i++);
    f.sessions_this_month = get_int(r, i++);
    f.completed_sessions_this_month = get_int(r, i++);
    for (auto& week : f.weekly_sessions) week = get_int(r, i++);
    if (money) {
      f.active_packages = get_int(r, i++);
      f.active_package_sessions = get_int(r, i++);
      for (auto& month : f.monthly_revenue) month = get_int(r, i++);
    }
    if (!periods.page_panels) return;
    f.new_clients_this_week = get_int(r, i++);
    if (!money) return;
    f.packages_sold = get_int(r, i++);
    f.package_sales_total = get_int(r, i++);
  });
  return f;
}

std::vector<ActivityEvent> latest_events(soci::session& sql, const Scope& scope, int per_kind, bool with_payments) {
  std::vector<ActivityEvent> out;
  if (scope.nothing) return out;
  static const char* const kinds[] = {"client_added", "assessment_completed", "session_completed", "payment"};
  // Each kind's newest rows as its own list orders them (creation or completion, then id, both descending: one
  // walk down an index of the organisation each), then kind after kind. The columns: kind, client, client's name,
  // overall score, amount, when, and the kind's order (sort_key, row_id). PostgreSQL types a bare NULL of a
  // subquery as text, which no union with a number accepts: hence the cast.
  SqlParams p;
  const std::string limit = " LIMIT " + std::to_string(per_kind) + ") ";
  std::string q =
      "SELECT * FROM (SELECT 0 AS kind, c.id AS client_id, c.name AS client_name, "
      "CAST(NULL AS DOUBLE PRECISION) AS overall_score, 0 AS amount, c.created_at AS at, c.created_at AS sort_key, "
      "c.id AS row_id FROM clients c WHERE " + scope_sql(scope, p, "c.organization_id") +
      " ORDER BY c.created_at DESC, c.id DESC" + limit + "k"
      " UNION ALL SELECT * FROM (SELECT 1, a.client_id, c.name, a.overall_score, 0, a.created_at, a.created_at, a.id "
      "FROM assessments a JOIN clients c ON c.id = a.client_id WHERE " + scope_sql(scope, p, "a.organization_id") +
      " ORDER BY a.created_at DESC, a.id DESC" + limit + "a"
      " UNION ALL SELECT * FROM (SELECT 2, s.client_id, c.name, CAST(NULL AS DOUBLE PRECISION), 0, "
      "coalesce(s.completed_at, s.created_at), s.completed_at, s.id FROM sessions s JOIN clients c ON c.id = s.client_id "
      "WHERE " + scope_sql(scope, p, "s.organization_id") + " AND s.status = 'completed' "
      "ORDER BY s.completed_at DESC, s.id DESC" + limit + "s";
  if (with_payments)
    q += " UNION ALL SELECT * FROM (SELECT 3, y.client_id, c.name, CAST(NULL AS DOUBLE PRECISION), y.amount, "
         "y.created_at, y.created_at, y.id FROM payments y JOIN clients c ON c.id = y.client_id WHERE " +
         scope_sql(scope, p, "y.organization_id") + " ORDER BY y.created_at DESC, y.id DESC" + limit + "y";
  q += " ORDER BY kind, sort_key DESC, row_id DESC";
  for_each_row(sql, q, p, [&](const Row& r) {
    out.push_back({kinds[get_int(r, 0)], get_int(r, 1), get_text(r, 2), get_opt_real(r, 3), get_int(r, 4),
                   get_text(r, 5)});
  });
  return out;
}

}  // namespace the5hc::store
