#pragma once
// Web sessions (DOMAIN.md §7.2, OPERATIONS.md §4) and logging out (API.md §2). The cookie carries a random
// 256-bit session id; the database keeps only its SHA-256 (auth::session_id_hash) and the session's CSRF secret.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "service/context.hpp"

namespace the5hc::service {

inline constexpr std::chrono::hours kSessionLifetime{24};
inline constexpr std::chrono::hours kRememberMeLifetime{24 * 30};
std::chrono::seconds session_lifetime(bool remember_me);

struct NewWebSession {
  std::string session_id;  // for the cookie; never stored
  std::string csrf_secret;
  bool remember_me = false;
};

// After a successful login: a new session for the user. The previous session of this browser (its cookie's id,
// if any) is deleted, so the id changes at every login (no session fixation).
NewWebSession start_web_session(Context& ctx, std::int64_t user_id, bool remember_me,
                                const std::optional<std::string>& previous_session_id);

struct ActiveWebSession {
  std::string id_hash;
  std::string csrf_secret;
  Actor actor;
  bool remember_me = false;
  bool extended = false;  // the expiry was moved forward by this request: send the cookie again
};

// The session behind a cookie: nullopt when unknown, expired or its user is inactive. Sliding expiry: the session
// is extended to a full lifetime from now, written at most once a minute so that busy pages do not write on every
// request.
std::optional<ActiveWebSession> resume_web_session(Context& ctx, const std::string& session_id);

// Logging out (web form or POST /auth/logout/): revokes the refresh token's family (when given; malformed or badly
// signed → Error(token_not_valid), expired or already revoked is fine) and deletes the web session (when given),
// audit `logout` — all in one transaction.
void logout(Context& ctx, const std::optional<std::string>& refresh_token,
            const std::optional<std::string>& session_id);

}  // namespace the5hc::service
