#include "service/audit.hpp"

#include "common/clock.hpp"
#include "common/time.hpp"
#include "store/audit.hpp"

namespace the5hc::service {

void audit(soci::session& sql, const Context& ctx, const std::string& action, const std::string& object_type,
           std::optional<std::int64_t> object_id, const std::string& object_repr,
           std::optional<std::int64_t> organization_id, const AuditChange& change) {
  store::AuditEntry e;
  e.organization_id = organization_id;
  if (ctx.actor) e.user_id = ctx.actor->user_id;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  e.object_repr = object_repr;
  e.ip_address = ctx.origin.ip;
  e.user_agent = ctx.origin.user_agent;
  e.request_id = ctx.origin.request_id;
  e.before = change.before;
  e.after = change.after;
  e.extra = change.extra;
  store::insert_audit(sql, e, format_timestamp(ctx.clock.now()));
}

}  // namespace the5hc::service
