#include "store/dashboard.hpp"

#include "store/row.hpp"

namespace the5hc::store {

std::optional<double> average_overall_score(soci::session& sql, const Scope& scope, const std::string& from,
                                            const std::string& to) {
  SqlParams p;
  std::string w = scope_sql(scope, p, "a.organization_id");
  w += " AND a.date >= " + p.add(from) + " AND a.date <= " + p.add(to);
  std::optional<double> average;
  // The client is joined only for a trainer's scope (c.trainer_id); otherwise the average reads one covering index
  // (migration 0009) and no row of either table.
  const char* tables = scope.trainer_id ? "assessments a JOIN clients c ON c.id = a.client_id" : "assessments a";
  for_each_row(sql, std::string("SELECT avg(a.overall_score) FROM ") + tables + " WHERE " + w, p,
               [&](const Row& r) { average = get_opt_real(r, 0); });
  return average;
}

ActivePackages active_packages(soci::session& sql, const Scope& scope) {
  SqlParams p;
  ActivePackages out;
  for_each_row(sql,
               "SELECT count(*), coalesce(sum(p.total_sessions), 0) FROM session_packages p JOIN clients c ON "
               "c.id = p.client_id WHERE p.is_active = 1 AND p.remaining_sessions > 0 AND " +
                   scope_sql(scope, p, "p.organization_id"),
               p, [&](const Row& r) {
                 out.count = get_int(r, 0);
                 out.total_sessions = get_int(r, 1);
               });
  return out;
}

}  // namespace the5hc::store
