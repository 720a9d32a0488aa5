#include "store/refresh_tokens.hpp"

#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {

void insert_refresh_token(soci::session& sql, const RefreshToken& t) {
  long long user = t.user_id;
  sql << "INSERT INTO refresh_tokens (jti, family_id, user_id, issued_at, expires_at) VALUES (:jti, :family, :user, "
         ":issued, :expires)",
      soci::use(t.jti), soci::use(t.family_id), soci::use(user), soci::use(t.issued_at), soci::use(t.expires_at);
}

std::optional<RefreshToken> find_refresh_token(soci::session& sql, const std::string& jti, const char* lock) {
  SqlParams p;
  return first_row(sql, "SELECT id, jti, family_id, user_id, issued_at, expires_at, rotated_at, revoked_at, "
                        "replaced_by_jti FROM refresh_tokens WHERE jti = " + p.add(jti) + lock, p, [](const Row& r) {
  RefreshToken t;
  t.id = get_int(r, 0);
  t.jti = get_text(r, 1);
  t.family_id = get_text(r, 2);
  t.user_id = get_int(r, 3);
  t.issued_at = get_text(r, 4);
  t.expires_at = get_text(r, 5);
  t.rotated_at = get_opt_text(r, 6);
  t.revoked_at = get_opt_text(r, 7);
  t.replaced_by_jti = get_opt_text(r, 8);
  return t;
  });
}

void mark_refresh_token_rotated(soci::session& sql, const std::string& jti, const std::string& replaced_by,
                                const std::string& now) {
  sql << "UPDATE refresh_tokens SET rotated_at = :now, replaced_by_jti = :next WHERE jti = :jti", soci::use(now),
      soci::use(replaced_by), soci::use(jti);
}

void revoke_refresh_family(soci::session& sql, const std::string& family_id, const std::string& now) {
  sql << "UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL",
      soci::use(now), soci::use(family_id);
}

void revoke_user_refresh_tokens(soci::session& sql, std::int64_t user_id, const std::string& now) {
  long long user = user_id;
  sql << "UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL", soci::use(now),
      soci::use(user);
}

}  // namespace the5hc::store
