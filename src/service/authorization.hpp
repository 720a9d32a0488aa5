#pragma once
// Every use case asks here before touching an object: invisible → 404 (never 403, never a hint that it exists),
// visible but forbidden → 403 (DOMAIN.md §6, API.md §1.4).
#include "domain/permissions.hpp"
#include "service/context.hpp"

namespace the5hc::service {

domain::Actor domain_actor(const Actor& actor);

// The acting user; throws Error(not_authenticated) for anonymous contexts.
const Actor& require_actor(const Context& ctx);

// Throws Error(not_found) when the target is not visible and Error(permission_denied) when the action is forbidden.
void authorize(const Context& ctx, domain::Action action, const domain::Target& target);

// For creates that need a membership: throws 403 "You do not belong to an organisation." otherwise.
std::int64_t require_organization(const Context& ctx);

}  // namespace the5hc::service
