#pragma once
// What a signed-in user changes about their own account (API.md §3.8, DOMAIN.md §7.2–7.3).
#include <optional>
#include <string>

#include "common/error.hpp"

#include "service/context.hpp"
#include "service/identity.hpp"
#include "service/tokens.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

// GET /users/me/: the acting user as the API shows them (401 when anonymous).
UserProfile own_profile(Context& ctx);

// The account fields' rules (name not blank; a valid e-mail no other user has), added to `errors`; shared by the
// own-profile page and the trainer form.
void account_field_errors(soci::session& sql, std::int64_t user_id, const std::string& name, const std::string& email,
                          FieldErrors& errors);

struct ProfileChange {
  std::optional<std::string> name, email, language;  // nullopt = unchanged
};
// name 1–200 characters, a valid e-mail no other user has (case-insensitive), language ko/en. Field errors →
// Error(validation); nothing is written then.
UserProfile update_own_profile(Context& ctx, const ProfileChange& change);

struct PasswordChange {
  std::string old_password, new_password, confirm_password;
  std::string keep_session_id;  // the web session making the change stays signed in ("" = none)
};
// Checks the current password, the confirmation and the policy (all problems at once), then stores the new hash,
// revokes every refresh-token family, ends every other web session of the user, audits `password_changed` and
// returns a fresh token pair — one transaction. Hashing runs under auth::HashingGate.
TokenPair change_password(Context& ctx, const PasswordChange& change);

}  // namespace the5hc::service
