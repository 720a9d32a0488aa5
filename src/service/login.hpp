#pragma once
// Logging in (DOMAIN.md §7.1) — one set of rules for the web form and the API. Tokens: service/tokens.hpp.
#include <cstdint>
#include <string>

#include "service/context.hpp"

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

}  // namespace the5hc::service
