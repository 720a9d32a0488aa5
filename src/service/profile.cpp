#include "service/profile.hpp"

#include <soci/soci.h>

#include "auth/password.hpp"
#include "auth/password_policy.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/client_rules.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"
#include "store/refresh_tokens.hpp"
#include "store/users.hpp"
#include "store/web_sessions.hpp"

namespace the5hc::service {

UserProfile own_profile(Context& ctx) { return get_profile(ctx, require_actor(ctx).user_id); }

void account_field_errors(soci::session& sql, std::int64_t user_id, const std::string& name, const std::string& email,
                          FieldErrors& errors) {
  if (name.empty()) errors["name"].push_back("This field may not be blank.");
  if (!domain::is_valid_email(email)) {
    errors["email"].push_back("Enter a valid email address.");
  } else if (auto other = store::find_user_by_login(sql, email); other && other->id != user_id) {
    errors["email"].push_back("A user with that email already exists.");
  }
}

UserProfile update_own_profile(Context& ctx, const ProfileChange& change) {
  const Actor& actor = require_actor(ctx);
  ctx.db.write([&](soci::session& sql) {
    auto user = store::find_user(sql, actor.user_id);
    if (!user) throw Error::not_found();
    std::string name = change.name ? domain::trim(*change.name) : user->name;
    std::string email = change.email ? domain::trim(*change.email) : user->email;
    std::string language = change.language.value_or(user->language);
    FieldErrors errors;
    account_field_errors(sql, user->id, name, email, errors);
    if (language != "ko" && language != "en")
      errors["language"].push_back(i18n::args("\"{v}\" is not a valid choice.", {{"v", language}}));
    if (!errors.empty()) throw Error::validation(errors);
    store::update_user_profile(sql, user->id, name, email, language, format_timestamp(ctx.clock.now()));
  });
  return get_profile(ctx, actor.user_id);
}

TokenPair change_password(Context& ctx, const PasswordChange& change) {
  const Actor& actor = require_actor(ctx);
  auto user = ctx.db.read([&](soci::session& sql) { return store::find_user(sql, actor.user_id); });
  if (!user) throw Error::not_found();
  FieldErrors errors;
  std::string hash;
  {
    ctx.db.end_shared_read();  // hashing is slow: the request's pooled connection serves others meanwhile
    auto permit = auth::HashingGate::shared().acquire();
    if (!auth::verify_password(change.old_password, user->password_hash))
      errors["old_password"].push_back("Your current password is incorrect.");  // 현재 비밀번호가 올바르지 않습니다.
    if (change.new_password != change.confirm_password)
      errors["confirm_password"].push_back("The new passwords do not match.");  // 새 비밀번호가 일치하지 않습니다.
    for (auto& m : auth::check_password_policy(change.new_password, user->username, user->email))
      errors["new_password"].push_back(m);
    if (!errors.empty()) throw Error::validation(errors);
    hash = auth::hash_password(change.new_password);
  }
  const std::string now = format_timestamp(ctx.clock.now());
  const std::string keep = change.keep_session_id.empty() ? "" : auth::session_id_hash(change.keep_session_id);
  return ctx.db.write([&](soci::session& sql) {
    store::set_password_hash(sql, user->id, hash, false, now);
    store::revoke_user_refresh_tokens(sql, user->id, now);
    store::delete_user_web_sessions(sql, user->id, keep);
    audit(sql, ctx, "password_changed", "user", user->id, user->username, actor.organization_id);
    return issue_tokens(sql, ctx, user->id, "");
  });
}

}  // namespace the5hc::service
