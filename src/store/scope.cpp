#include "store/scope.hpp"

namespace the5hc::store {

std::string scope_sql(const Scope& scope, SqlParams& p, const std::string& org_column) {
  if (scope.nothing) return "1 = 0";
  std::string where = "1 = 1";
  if (scope.organization_id) where += " AND " + org_column + " = " + p.add(*scope.organization_id);
  if (scope.trainer_id) where += " AND c.trainer_id = " + p.add(*scope.trainer_id);
  return where;
}

}  // namespace the5hc::store
