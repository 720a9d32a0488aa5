#include "service/identity.hpp"

#include "common/error.hpp"
#include "config/config.hpp"
#include "store/database.hpp"

namespace the5hc::service {

std::optional<Actor> load_actor(soci::session& sql, std::int64_t user_id) {
  auto member = store::find_member(sql, user_id);
  if (!member) return std::nullopt;
  return actor_of(*member);
}

std::optional<Actor> actor_of(const store::Member& member) {
  const auto& user = member.user;
  if (!user.is_active) return std::nullopt;
  Actor a;
  a.user_id = user.id;
  a.username = user.username;
  a.name = user.name;
  a.email = user.email;
  a.is_superuser = user.is_superuser;
  a.must_change_password = user.must_change_password;
  a.language = user.language;
  if (const auto& t = member.membership) {
    a.trainer_active = t->is_active;
    if (t->is_active) {
      a.organization_id = t->organization_id;
      a.trainer_id = t->id;
      a.role = t->role;
      a.organization = ActorOrganization{t->organization_id, t->organization_name, t->organization_timezone,
                                         t->organization_vat_rate_bp, t->organization_card_fee_rate_bp};
    }
  }
  return a;
}

std::string actor_zone(const Context& ctx) {
  if (ctx.actor && ctx.actor->organization) return ctx.actor->organization->timezone;
  return ctx.config.time_zone;
}

std::optional<UserProfile> load_profile(soci::session& sql, const Context& ctx, std::int64_t user_id) {
  auto user = store::find_user(sql, user_id);
  if (!user) return std::nullopt;
  UserProfile p{*user, store::find_trainer_by_user(sql, user_id), std::nullopt, ctx.config.time_zone};
  if (p.trainer) p.organization = store::find_organization(sql, p.trainer->organization_id);
  if (p.organization) p.zone = p.organization->timezone;
  return p;
}

UserProfile get_profile(Context& ctx, std::int64_t user_id) {
  auto p = ctx.db.read([&](soci::session& sql) { return load_profile(sql, ctx, user_id); });
  if (!p) throw Error::not_found();
  return *p;
}

}  // namespace the5hc::service
