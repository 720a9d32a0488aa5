#include "service/audit_log.hpp"

#include <soci/soci.h>

#include "common/error.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"
#include "store/users.hpp"

namespace the5hc::service {

AuditPage list_audit_log(Context& ctx, const AuditQuery& query, int limit, int offset) {
  const auto& actor = require_actor(ctx);
  std::optional<std::int64_t> org;
  if (!actor.is_superuser) {
    org = require_organization(ctx);
    authorize(ctx, domain::Action::view_audit_log, {.organization_id = org});
  }
  return ctx.db.read([&](soci::session& sql) {
    std::string zone = ctx.config.time_zone;
    if (org) zone = store::find_organization(sql, *org)->timezone;
    store::AuditFilter f{org, query.action, query.object_type, query.user_id, query.object_id, {}, {}, query.search};
    if (query.date_from) f.from = format_timestamp(start_of_day(*parse_date(*query.date_from), zone));
    if (query.date_to) f.to = format_timestamp(start_of_day(add_days(*parse_date(*query.date_to), 1), zone));
    AuditPage page{store::count_audit(sql, f), store::list_audit(sql, f, limit, offset), {}};
    if (query.with_users)
      for (const auto& u : store::list_users(sql, org, {}, 1000, 0)) page.users.push_back({u.id, u.name});
    return page;
  });
}

store::AuditRecord get_audit_entry(Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    auto record = store::find_audit(sql, id);
    if (!record) throw Error::not_found();
    authorize(ctx, domain::Action::view_audit_log, {.organization_id = record->entry.organization_id});
    return *record;
  });
}

}  // namespace the5hc::service
