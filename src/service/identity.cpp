#include "service/identity.hpp"

#include "common/error.hpp"
#include "store/database.hpp"

namespace the5hc::service {

std::optional<Actor> load_actor(soci::session& sql, std::int64_t user_id) {
  auto user = store::find_user(sql, user_id);
  if (!user) return std::nullopt;
  return load_actor(sql, *user);
}

std::optional<Actor> load_actor(soci::session& sql, const store::User& user) {
  if (!user.is_active) return std::nullopt;
  Actor a;
  a.user_id = user.id;
  a.username = user.username;
  a.name = user.name;
  a.email = user.email;
  a.is_superuser = user.is_superuser;
  a.must_change_password = user.must_change_password;
  a.language = user.language;
  if (auto t = store::find_trainer_by_user(sql, user.id)) {
    a.trainer_active = t->is_active;
    if (t->is_active) {
      a.organization_id = t->organization_id;
      a.trainer_id = t->id;
      a.role = t->role;
    }
  }
  return a;
}

std::optional<UserProfile> load_profile(soci::session& sql, std::int64_t user_id) {
  auto user = store::find_user(sql, user_id);
  if (!user) return std::nullopt;
  UserProfile p{*user, store::find_trainer_by_user(sql, user_id), std::nullopt};
  if (p.trainer) p.organization = store::find_organization(sql, p.trainer->organization_id);
  return p;
}

UserProfile get_profile(Context& ctx, std::int64_t user_id) {
  auto p = ctx.db.read([&](soci::session& sql) { return load_profile(sql, user_id); });
  if (!p) throw Error::not_found();
  return *p;
}

}  // namespace the5hc::service
