#include "service/web_sessions.hpp"

#include <soci/soci.h>

#include "auth/csrf.hpp"
#include "auth/jwt.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "service/audit.hpp"
#include "service/identity.hpp"
#include "service/tokens.hpp"
#include "store/database.hpp"
#include "store/refresh_tokens.hpp"
#include "store/web_sessions.hpp"

namespace the5hc::service {
namespace {

constexpr auto kTouchInterval = std::chrono::minutes(1);

}  // namespace

std::chrono::seconds session_lifetime(bool remember_me) {
  return remember_me ? kRememberMeLifetime : kSessionLifetime;
}

NewWebSession start_web_session(Context& ctx, std::int64_t user_id, bool remember_me,
                                const std::optional<std::string>& previous_session_id) {
  const TimePoint now = ctx.clock.now();
  NewWebSession created{auth::new_session_id(), auth::csrf::new_secret(), remember_me};
  store::WebSession row;
  row.id_hash = auth::session_id_hash(created.session_id);
  row.user_id = user_id;
  row.csrf_secret = created.csrf_secret;
  row.created_at = row.last_seen_at = format_timestamp(now);
  row.expires_at = format_timestamp(now + session_lifetime(remember_me));
  row.remember_me = remember_me;
  row.ip = ctx.origin.ip;
  row.user_agent = ctx.origin.user_agent;
  ctx.db.write([&](soci::session& sql) {
    if (previous_session_id) store::delete_web_session(sql, auth::session_id_hash(*previous_session_id));
    store::insert_web_session(sql, row);
  });
  return created;
}

std::optional<ActiveWebSession> resume_web_session(Context& ctx, const std::string& session_id) {
  const TimePoint now = ctx.clock.now();
  const std::string id_hash = auth::session_id_hash(session_id);
  auto found = ctx.db.read([&](soci::session& sql) -> std::optional<ActiveWebSession> {
    auto row = store::find_web_session(sql, id_hash, format_timestamp(now));
    if (!row) return std::nullopt;
    auto actor = load_actor(sql, row->user_id);
    if (!actor) return std::nullopt;
    auto seen = parse_timestamp(row->last_seen_at);
    return ActiveWebSession{row->id_hash, row->csrf_secret, *actor, row->remember_me,
                            !seen || now - *seen >= kTouchInterval};
  });
  if (found && found->extended) {
    ctx.db.write([&](soci::session& sql) {
      store::touch_web_session(sql, id_hash, format_timestamp(now),
                               format_timestamp(now + session_lifetime(found->remember_me)));
    });
  }
  return found;
}

void logout(Context& ctx, const std::optional<std::string>& refresh_token,
            const std::optional<std::string>& session_id) {
  std::optional<auth::Claims> claims;
  if (refresh_token) {
    // An expired token still ends its family: the signature is what proves the caller holds it.
    auto decoded = auth::decode(*refresh_token, ctx.config.secret_key, ctx.clock.now(), auth::TokenType::refresh,
                                std::chrono::hours(24 * 365 * 100));
    if (!decoded.ok()) throw token_not_valid();
    claims = decoded.claims;
  }
  const std::string now = format_timestamp(ctx.clock.now());
  ctx.db.write([&](soci::session& sql) {
    std::optional<std::int64_t> user_id;
    bool ended = false;
    if (claims) {
      auto row = store::find_refresh_token(sql, claims->jti);
      if (row && row->user_id == claims->user_id && !row->revoked_at) {
        store::revoke_refresh_family(sql, row->family_id, now);
        user_id = row->user_id;
        ended = true;
      }
    }
    if (session_id) {
      auto row = store::find_web_session(sql, auth::session_id_hash(*session_id), now);
      if (row) {
        store::delete_web_session(sql, row->id_hash);
        user_id = row->user_id;
        ended = true;
      }
    }
    if (!ended) return;
    auto actor = load_actor(sql, *user_id);
    Context as_user = ctx;
    if (actor) as_user.actor = actor;
    audit(sql, as_user, "logout", "user", user_id, actor ? actor->username : "",
          actor ? actor->organization_id : std::nullopt);
  });
}

}  // namespace the5hc::service
