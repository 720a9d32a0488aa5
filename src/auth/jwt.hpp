#pragma once
// JWT access and refresh tokens (API.md §2): HS256 only, signed with SECRET_KEY, claims token_type, exp, iat,
// jti, user_id. Only the stateless checks live here (structure, algorithm, signature, expiry, type); whether the
// user exists and is active, `iat` against password_changed_at and refresh-token revocation/rotation are the
// caller's, since they need the database.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace the5hc::auth {

enum class TokenType { access, refresh };
std::string_view to_string(TokenType type);  // "access" / "refresh", as in the token_type claim

inline constexpr std::chrono::seconds kJwtLeeway{30};

struct Claims {
  TokenType token_type = TokenType::access;
  std::int64_t user_id = 0;
  std::string jti;        // 32 lower-case hex characters (128 random bits)
  std::int64_t iat = 0;   // seconds since the Unix epoch
  std::int64_t exp = 0;   // seconds since the Unix epoch
};

struct IssuedToken {
  std::string token;
  Claims claims;
};

// A new token for `user_id`, valid from `now` (truncated to whole seconds) for `lifetime`. Throws Error(internal)
// for an empty secret or a non-positive lifetime.
IssuedToken issue(TokenType type, std::int64_t user_id, std::chrono::seconds lifetime, TimePoint now,
                  std::string_view secret);

// Why a token was refused, in the order the checks run. All map to 401 token_not_valid at the API.
enum class TokenError {
  malformed,        // not three base64url parts, bad JSON, missing or mistyped claims, no signature
  wrong_algorithm,  // header alg is anything but exactly "HS256" (none, HS512, RS256, hs256, ...)
  bad_signature,    // HMAC mismatch: wrong secret or altered header/payload
  expired,          // now > exp + leeway
  wrong_type,       // token_type differs from the expected one
};
std::string_view to_string(TokenError error);  // "malformed", ... for logs

struct DecodeResult {
  std::optional<Claims> claims;          // set when the token is valid
  TokenError error = TokenError::malformed;  // meaningful only when !claims
  bool ok() const { return claims.has_value(); }
};

// Validates `token` against `secret` at `now`. With `expected`, a token of the other type is `wrong_type` (a refresh
// token must never be accepted as an access token or vice versa). The payload is parsed only after the signature
// has been verified.
DecodeResult decode(std::string_view token, std::string_view secret, TimePoint now,
                    std::optional<TokenType> expected = std::nullopt, std::chrono::seconds leeway = kJwtLeeway);

}  // namespace the5hc::auth
