#include "store/dashboard.hpp"

#include "store/row.hpp"

namespace the5hc::store {

std::int64_t count_clients(soci::session& sql, const Scope& scope, const std::optional<std::string>& from,
                           const std::optional<std::string>& to) {
  SqlParams p;
  std::string w = scope_sql(scope, p, "c.organization_id");
  if (from) w += " AND c.created_at >= " + p.add(*from);
  if (to) w += " AND c.created_at < " + p.add(*to);
  return fetch_int(sql, "SELECT count(*) FROM clients c WHERE " + w, p);
}

std::vector<ClientActivity> client_activity(soci::session& sql, const Scope& scope, const std::string& today) {
  SqlParams p;
  std::string w = scope_sql(scope, p, "c.organization_id");
  auto t1 = p.add(today), t2 = p.add(today), t3 = p.add(today);
  std::vector<ClientActivity> out;
  for_each_row(sql,
               "SELECT (SELECT max(a.date) FROM assessments a WHERE a.client_id = c.id AND a.date <= " + t1 +
                   "), (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = c.id AND s.status <> "
                   "'cancelled' AND s.session_date <= " + t2 +
                   "), (SELECT count(*) FROM sessions s WHERE s.client_id = c.id AND s.status = 'scheduled' AND "
                   "s.session_date > " + t3 + ") FROM clients c WHERE " + w,
               p, [&](const soci::row& r) {
                 auto a = get_opt_text(r, 0), s = get_opt_text(r, 1);
                 ClientActivity act;
                 act.latest_activity = !a ? s : !s ? a : std::max(*a, *s);
                 act.future_scheduled = get_int(r, 2) > 0;
                 out.push_back(act);
               });
  return out;
}

AssessmentStats assessment_stats(soci::session& sql, const Scope& scope, const std::optional<std::string>& from,
                                 const std::optional<std::string>& to) {
  SqlParams p;
  std::string w = scope_sql(scope, p, "a.organization_id");
  if (from) w += " AND a.date >= " + p.add(*from);
  if (to) w += " AND a.date <= " + p.add(*to);
  AssessmentStats st;
  for_each_row(sql,
               "SELECT count(*), avg(a.overall_score) FROM assessments a JOIN clients c ON c.id = a.client_id "
               "WHERE " + w,
               p, [&](const soci::row& r) {
                 st.count = get_int(r, 0);
                 st.average_overall = get_opt_real(r, 1);
               });
  return st;
}

ActivePackages active_packages(soci::session& sql, const Scope& scope) {
  SqlParams p;
  ActivePackages out;
  for_each_row(sql,
               "SELECT count(*), coalesce(sum(p.total_sessions), 0) FROM session_packages p JOIN clients c ON "
               "c.id = p.client_id WHERE p.is_active = 1 AND p.remaining_sessions > 0 AND " +
                   scope_sql(scope, p, "p.organization_id"),
               p, [&](const soci::row& r) {
                 out.count = get_int(r, 0);
                 out.total_sessions = get_int(r, 1);
               });
  return out;
}

}  // namespace the5hc::store
