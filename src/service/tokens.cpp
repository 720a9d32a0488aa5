#include "service/tokens.hpp"

#include <soci/soci.h>

#include "auth/jwt.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/json_text.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "service/audit.hpp"
#include "service/identity.hpp"
#include "store/database.hpp"
#include "store/refresh_tokens.hpp"
#include "store/users.hpp"

namespace the5hc::service {

Error token_not_valid() {
  return Error(ErrorCode::token_not_valid, "Token is invalid or expired.");  // 토큰이 유효하지 않거나 만료되었습니다.
}

TokenPair issue_tokens(soci::session& sql, const Context& ctx, std::int64_t user_id, const std::string& family_id) {
  const TimePoint now = ctx.clock.now();
  const auto& secret = ctx.config.secret_key;
  auto access = auth::issue(auth::TokenType::access, user_id, std::chrono::minutes(ctx.config.jwt_access_minutes),
                            now, secret);
  auto refresh = auth::issue(auth::TokenType::refresh, user_id,
                             std::chrono::minutes(ctx.config.jwt_refresh_minutes), now, secret);
  store::RefreshToken row;
  row.jti = refresh.claims.jti;
  row.family_id = family_id.empty() ? auth::hex_encode(auth::random_bytes(16)) : family_id;
  row.user_id = user_id;
  row.issued_at = format_timestamp(now);
  row.expires_at = format_timestamp(TimePoint(std::chrono::seconds(refresh.claims.exp)));
  store::insert_refresh_token(sql, row);
  return TokenPair{access.token, refresh.token};
}

TokenPair issue_tokens(Context& ctx, std::int64_t user_id) {
  return ctx.db.write([&](soci::session& sql) { return issue_tokens(sql, ctx, user_id, ""); });
}

std::optional<Actor> token_actor(soci::session& sql, const auth::Claims& claims) {
  auto member = store::find_member(sql, claims.user_id);
  if (!member) return std::nullopt;
  if (const auto& changed_at = member->user.password_changed_at) {
    auto changed = parse_timestamp(*changed_at);
    if (changed && claims.iat < std::chrono::duration_cast<std::chrono::seconds>(changed->time_since_epoch()).count())
      return std::nullopt;
  }
  return actor_of(*member);
}

TokenPair refresh_tokens(Context& ctx, const std::string& refresh_token) {
  auto decoded = auth::decode(refresh_token, ctx.config.secret_key, ctx.clock.now(), auth::TokenType::refresh);
  if (!decoded.ok()) throw token_not_valid();
  const auth::Claims& claims = *decoded.claims;
  const std::string now = format_timestamp(ctx.clock.now());
  // Reuse must revoke the family durably, so the write commits and the 401 is thrown afterwards.
  enum class Outcome { rotated, invalid, reused };
  std::optional<TokenPair> pair;
  std::optional<store::RefreshToken> row;
  auto outcome = ctx.db.write([&](soci::session& sql) {
    row = store::find_refresh_token(sql, claims.jti, ctx.db.for_update());
    if (!row || row->user_id != claims.user_id || row->revoked_at) return Outcome::invalid;
    if (row->rotated_at) {
      store::revoke_refresh_family(sql, row->family_id, now);
      auto actor = load_actor(sql, row->user_id);
      Context as_user = ctx;
      as_user.actor = actor;
      audit(sql, as_user, "refresh_token_reused", "user", row->user_id, actor ? actor->username : "",
            actor ? actor->organization_id : std::nullopt,
            {.extra = "{\"family_id\":" + json_quote(row->family_id) + "}"});
      return Outcome::reused;
    }
    auto actor = token_actor(sql, claims);
    if (!actor) return Outcome::invalid;
    pair = issue_tokens(sql, ctx, actor->user_id, row->family_id);
    auto next = auth::decode(pair->refresh, ctx.config.secret_key, ctx.clock.now(), auth::TokenType::refresh);
    store::mark_refresh_token_rotated(sql, claims.jti, next.claims->jti, now);
    return Outcome::rotated;
  });
  if (outcome == Outcome::reused) {
    log::warning("security", "refresh token reused; family revoked",
                 {{"user_id", row->user_id}, {"family_id", row->family_id}, {"ip", ctx.origin.ip}});
  }
  if (outcome != Outcome::rotated) throw token_not_valid();
  return *pair;
}

void verify_token(Context& ctx, const std::string& token) {
  auto decoded = auth::decode(token, ctx.config.secret_key, ctx.clock.now());
  if (!decoded.ok()) throw token_not_valid();
  const auth::Claims& claims = *decoded.claims;
  bool valid = ctx.db.read([&](soci::session& sql) {
    if (claims.token_type == auth::TokenType::refresh) {
      auto row = store::find_refresh_token(sql, claims.jti);
      if (!row || row->user_id != claims.user_id || row->revoked_at || row->rotated_at) return false;
    }
    return token_actor(sql, claims).has_value();
  });
  if (!valid) throw token_not_valid();
}

}  // namespace the5hc::service
