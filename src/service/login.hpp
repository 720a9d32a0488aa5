#pragma once
// Logging in (DOMAIN.md §7.1) — one set of rules for the web form and the API. Tokens: service/tokens.hpp.
#include <cstdint>
#include <string>

#include "service/context.hpp"
#include "service/identity.hpp"
#include "service/tokens.hpp"
#include "service/web_sessions.hpp"

namespace the5hc::auth {
class RateLimiter;
}

namespace the5hc::service {

struct LoginResult {
  Actor actor;
};

// Checks in the order of DOMAIN.md §7.1: per-IP rate limit (429), lock before password (403 account_locked, a dummy
// verification keeps the timing), password (401 invalid_credentials for unknown user, wrong password and inactive
// user alike), failure counting and locking, success bookkeeping with transparent hash upgrade. Failures are
// recorded (counter, lock, audit) in their own committed transaction before the error is thrown.
LoginResult login(Context& ctx, auth::RateLimiter& limiter, const std::string& identifier,
                  const std::string& password);

// POST /auth/login/: the login above, then a new token pair and the user as the API shows them.
SignedIn login_for_tokens(Context& ctx, auth::RateLimiter& limiter, const std::string& identifier,
                          const std::string& password);

// The web form's login: the login above, then a new web session replacing this browser's previous one; the actor
// is who signed in (their name and language for the welcome message).
struct SignedInWeb {
  NewWebSession session;
  Actor actor;
};
SignedInWeb login_for_web_session(Context& ctx, auth::RateLimiter& limiter, const std::string& identifier,
                                    const std::string& password, bool remember_me,
                                    const std::optional<std::string>& previous_session_id);

}  // namespace the5hc::service
