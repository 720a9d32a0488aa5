#pragma once
// Web sessions (DOMAIN.md §7.2, OPERATIONS.md §4) and logging out (API.md §2). The cookie carries a random
// 256-bit session id; the database keeps only its SHA-256 (auth::session_id_hash) and the session's CSRF secret.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// A message for the next page the browser shows (WEB.md §2): kept in the session's data until a page takes it.
struct Flash {
  std::string level;  // success | error | warning | info
  std::string text;   // already translated
};

// An organisation a platform superuser without a membership may scope the pages to (WEB.md §2).
struct OrganizationChoice {
  std::int64_t id = 0;
  std::string name;
};

struct ActiveWebSession {
  std::string id_hash;
  std::string csrf_secret;
  std::optional<Actor> actor;  // empty for an anonymous session (it only carries a flash)
  bool remember_me = false;
  bool extended = false;  // the expiry was moved forward by this request: send the cookie again
  std::optional<Flash> flash;
  // Only for a superuser without a membership: every organisation, by name (the navbar's selector); the chosen one
  // is the actor's organization_id, so the pages are scoped to it.
  std::vector<OrganizationChoice> organization_choices;
};

// The session behind a cookie: nullopt when unknown, expired or its user is inactive. Sliding expiry: the session
// is extended to a full lifetime from now, written at most once a minute so that busy pages do not write on every
// request. A superuser without a membership who chose an organisation acts in it (organization_id and organization
// set, role empty): lists and dashboards are scoped to it.
std::optional<ActiveWebSession> resume_web_session(Context& ctx, const std::string& session_id);

// Keeps `flash` for the next page of the browser with this session cookie. Without a live session (logged out,
// never logged in) an anonymous session holds it: its new cookie id is returned.
std::optional<std::string> put_flash(Context& ctx, const std::optional<std::string>& session_id, const Flash& flash);

// Takes the session's flash for the page being rendered: once — of two concurrent pages only one gets it.
std::optional<Flash> take_flash(Context& ctx, const std::string& session_id);

// A superuser without a membership scopes the pages to one organisation (nullopt = all, "전체"); kept in the
// session. Others → 403; an unknown organisation → 404.
void choose_organization(Context& ctx, const std::string& session_id, std::optional<std::int64_t> organization_id);

// Logging out (web form or POST /auth/logout/): revokes the refresh token's family (when given; malformed or badly
// signed → Error(token_not_valid), expired or already revoked is fine) and deletes the web session (when given),
// audit `logout` — all in one transaction.
void logout(Context& ctx, const std::optional<std::string>& refresh_token,
            const std::optional<std::string>& session_id);

}  // namespace the5hc::service
