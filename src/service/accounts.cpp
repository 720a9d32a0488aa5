#include "service/accounts.hpp"

#include <soci/soci.h>

#include <cctype>

#include "auth/password.hpp"
#include "auth/password_policy.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "domain/client_rules.hpp"
#include "domain/organization_rules.hpp"
#include "domain/permissions.hpp"
#include "service/audit.hpp"
#include "service/organizations.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"
#include "store/users.hpp"

namespace the5hc::service {

bool valid_username(const std::string& u) {
  if (u.empty() || u.size() > 150) return false;
  for (unsigned char c : u)
    if (!(std::isalnum(c) || c == '@' || c == '.' || c == '+' || c == '-' || c == '_')) return false;
  return true;
}

CreateUserResult create_user(Context& ctx, const CreateUserRequest& req) {
  FieldErrors errors;
  std::string username = domain::trim(req.username), email = domain::trim(req.email);
  if (!valid_username(username))
    errors["username"].push_back("Enter a valid username: letters, digits and @.+-_ only.");  // 올바른 아이디를 입력하세요.
  if (!req.update || !email.empty())
    if (!domain::is_valid_email(email)) errors["email"].push_back("Enter a valid email address.");
  if (!req.update || !req.password.empty())
    for (const auto& m : auth::check_password_policy(req.password, username, email)) errors["password"].push_back(m);
  std::optional<domain::Role> role;
  if (req.role) {
    role = domain::parse_role(*req.role);
    if (!role) errors["role"].push_back("\"" + *req.role + "\" is not a valid choice.");
  }
  if (req.organization_slug && req.create_organization_name)
    errors["organization"].push_back("Choose either an existing organisation or a new one, not both.");
  if (!errors.empty()) throw Error::validation(errors);

  // Hash outside the transaction: it is the slow part and must not hold the SQLite write lock.
  std::string hash = req.password.empty() ? "" : auth::hash_password(req.password);
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    CreateUserResult out;
    auto existing = store::find_user_by_login(sql, username);
    if (req.update) {
      if (!existing) throw Error::field("username", "No user with this username.");
      out.user_id = existing->id;
      out.created = false;
      store::update_user_profile(sql, existing->id, req.name.empty() ? existing->name : req.name,
                                 email.empty() ? existing->email : email, existing->language, now);
      if (!hash.empty()) store::set_password_hash(sql, existing->id, hash, false, now);
    } else {
      if (existing) throw Error::field("username", "A user with that username already exists.");
      if (store::email_taken(sql, email)) throw Error::field("email", "A user with that email already exists.");
      auto u = store::new_user(username, email, req.name.empty() ? username : req.name, hash, now);
      u.is_superuser = req.superuser;
      out.user_id = store::insert_user(sql, u);
    }

    std::optional<store::Organization> org;
    if (req.create_organization_name) {
      store::Organization o;
      o.name = *req.create_organization_name;
      o.slug = unique_organization_slug(sql, o.name);
      o.timezone = ctx.config.time_zone;
      o.id = store::insert_organization(sql, o, now);
      org = o;
      out.organization_created = true;
      if (!role) role = domain::Role::owner;
    } else if (req.organization_slug) {
      org = store::find_organization_by_slug(sql, *req.organization_slug);
      if (!org) throw Error::field("organization", "No organisation with this slug.");
    }
    if (org) {
      std::string role_code = domain::role_label(role.value_or(domain::Role::trainer)).code;
      auto membership = store::find_trainer_by_user(sql, out.user_id);
      if (membership && membership->organization_id != org->id)
        throw Error::field("organization", "This user already belongs to another organisation.");  // 이미 다른 조직에 소속되어 있습니다.
      if (!membership) {
        if (!domain::can_add_trainer(store::count_active_trainers(sql, org->id), org->max_trainers))
          throw Error::field("organization", domain::max_trainers_message(org->max_trainers));
        out.trainer_id = store::insert_trainer(sql, out.user_id, org->id, role_code, now);
      } else {
        out.trainer_id = membership->id;
        store::set_trainer_role(sql, membership->id, role_code, now);
      }
      out.organization_id = org->id;
      out.role = role_code;
    }
    audit(sql, ctx, out.created ? "user_created" : "user_updated", "user", out.user_id, username,
          out.organization_id);
    return out;
  });
}

}  // namespace the5hc::service
