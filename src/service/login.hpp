#pragma once
// Logging in (DOMAIN.md §7.1) — one set of rules for the web form and the API — and issuing JWT pairs (API.md §2).
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

struct TokenPair {
  std::string access, refresh;
};
// A new access + refresh token; the refresh token starts a new family unless family_id is given (rotation).
TokenPair issue_tokens(Context& ctx, std::int64_t user_id, const std::string& family_id = "");

}  // namespace the5hc::service
