#pragma once
// Web sessions (DOMAIN.md §1.15, §7.2): one row per logged-in browser, and anonymous rows (user_id NULL) that only
// carry a flash message to the next page (after logging out). The primary key is the SHA-256 hex of the cookie's
// session id (auth::session_id_hash), never the id itself. `data` is the session's JSON (service/web_sessions.hpp).
#include <cstdint>
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace the5hc::store {

struct WebSession {
  std::string id_hash;
  std::int64_t user_id = 0;  // 0 = anonymous (NULL)
  std::string csrf_secret;
  std::string created_at, expires_at, last_seen_at;
  bool remember_me = false;
  std::string ip, user_agent;
  std::string data = "{}";
};

void insert_web_session(soci::session& sql, const WebSession& s);
// The signed-in session unless it has expired at `now`; `anonymous` also finds the rows without a user.
std::optional<WebSession> find_web_session(soci::session& sql, const std::string& id_hash, const std::string& now,
                                           bool anonymous = false);
// Replaces the session's data only if it still is `expected` (compare-and-set: of two requests taking the same
// flash, one wins). True when the row was changed.
bool replace_web_session_data(soci::session& sql, const std::string& id_hash, const std::string& expected,
                              const std::string& data);
// Sliding expiry: the session lives until `expires_at` counted from this request.
void touch_web_session(soci::session& sql, const std::string& id_hash, const std::string& last_seen,
                       const std::string& expires_at);
void delete_web_session(soci::session& sql, const std::string& id_hash);
// Every session of the user except `keep_id_hash` (empty = all of them), e.g. after a password change.
void delete_user_web_sessions(soci::session& sql, std::int64_t user_id, const std::string& keep_id_hash);

}  // namespace the5hc::store
