#include "service/authorization.hpp"

#include "common/error.hpp"

namespace the5hc::service {

domain::Actor domain_actor(const Actor& actor) {
  domain::Actor a;
  a.is_superuser = actor.is_superuser;
  a.organization_id = actor.organization_id;
  a.trainer_id = actor.trainer_id;
  if (!actor.role.empty()) a.role = domain::parse_role(actor.role);
  return a;
}

const Actor& require_actor(const Context& ctx) {
  if (!ctx.actor) throw Error(ErrorCode::not_authenticated, "Authentication credentials were not provided.");
  return *ctx.actor;
}

void authorize(const Context& ctx, domain::Action action, const domain::Target& target) {
  switch (domain::authorize(domain_actor(require_actor(ctx)), action, target)) {
    case domain::Access::allowed: return;
    case domain::Access::not_visible: throw Error::not_found();
    case domain::Access::forbidden:
      throw Error(ErrorCode::permission_denied, "You do not have permission to perform this action.");
  }
}

std::int64_t require_organization(const Context& ctx) {
  const auto& a = require_actor(ctx);
  if (!a.organization_id)
    throw Error(ErrorCode::permission_denied, "You do not belong to an organisation.");  // 조직에 소속되어 있지 않습니다.
  return *a.organization_id;
}

}  // namespace the5hc::service
