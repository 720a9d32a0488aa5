#include "service/users.hpp"

#include <soci/soci.h>

#include "common/error.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"
#include "store/users.hpp"

namespace the5hc::service {

UserPage list_users(Context& ctx, const std::vector<std::string>& search, int limit, int offset) {
  const auto& actor = require_actor(ctx);
  if (!actor.is_superuser && !actor.organization_id) return {};
  std::optional<std::int64_t> org = actor.is_superuser ? std::nullopt : actor.organization_id;
  return ctx.db.read([&](soci::session& sql) {
    UserPage page{store::count_users(sql, org, search), {}};
    for (const auto& u : store::list_users(sql, org, search, limit, offset))
      page.results.push_back(*load_profile(sql, ctx, u.id));
    return page;
  });
}

UserProfile get_user(Context& ctx, std::int64_t id) {
  const auto& actor = require_actor(ctx);
  auto profile = ctx.db.read([&](soci::session& sql) { return load_profile(sql, ctx, id); });
  if (!profile) throw Error::not_found();
  if (id == actor.user_id) return *profile;
  std::optional<std::int64_t> org;
  if (profile->trainer) org = profile->trainer->organization_id;
  authorize(ctx, domain::Action::view_organization, {.organization_id = org});
  return *profile;
}

}  // namespace the5hc::service
