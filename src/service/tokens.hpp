#pragma once
// JWT pairs and the refresh-token lifecycle (API.md §2): issue, rotate with reuse detection, revoke, verify.
// The stateless checks (signature, algorithm, expiry, type) are auth::decode's; this adds what needs the database.
#include <cstdint>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "service/context.hpp"
#include "service/identity.hpp"

namespace soci {
class session;
}
namespace the5hc::auth {
struct Claims;
}

namespace the5hc::service {

struct TokenPair {
  std::string access, refresh;
};

// Someone who just signed in through the API: the user as shown and their first token pair.
struct SignedIn {
  UserProfile user;
  TokenPair tokens;
};

// A new access + refresh token; the refresh token starts a new family unless family_id is given (rotation).
TokenPair issue_tokens(Context& ctx, std::int64_t user_id);
TokenPair issue_tokens(soci::session& sql, const Context& ctx, std::int64_t user_id, const std::string& family_id);

// The actor a decoded token speaks for: nullopt when the user is gone or inactive, or the token was issued before
// the user's last password change (both are whole seconds).
std::optional<Actor> token_actor(soci::session& sql, const auth::Claims& claims);

// POST /auth/refresh/: a valid refresh token that was neither revoked nor rotated → a new pair in its family, the
// presented one marked rotated. Presenting an already rotated token revokes the whole family (audit
// `refresh_token_reused`, security log) before answering 401. Everything else invalid → Error(token_not_valid).
TokenPair refresh_tokens(Context& ctx, const std::string& refresh_token);

// POST /auth/verify/: an access or refresh token that would be accepted now; refresh tokens must also be neither
// revoked nor rotated. Error(token_not_valid) otherwise.
void verify_token(Context& ctx, const std::string& token);

Error token_not_valid();

}  // namespace the5hc::service
