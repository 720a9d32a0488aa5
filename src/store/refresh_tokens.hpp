#pragma once
// Refresh tokens (API.md §2): each issued refresh token's jti, its family (one login) and rotation state.
#include <cstdint>
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace the5hc::store {

struct RefreshToken {
  std::int64_t id = 0;
  std::string jti, family_id;
  std::int64_t user_id = 0;
  std::string issued_at, expires_at;
  std::optional<std::string> rotated_at, revoked_at, replaced_by_jti;
};

void insert_refresh_token(soci::session& sql, const RefreshToken& t);
// `lock`: Database::for_update() to serialise concurrent rotations of the same token.
std::optional<RefreshToken> find_refresh_token(soci::session& sql, const std::string& jti, const char* lock = "");
void mark_refresh_token_rotated(soci::session& sql, const std::string& jti, const std::string& replaced_by,
                                const std::string& now);
void revoke_refresh_family(soci::session& sql, const std::string& family_id, const std::string& now);
void revoke_user_refresh_tokens(soci::session& sql, std::int64_t user_id, const std::string& now);

}  // namespace the5hc::store
