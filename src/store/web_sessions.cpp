#include "store/web_sessions.hpp"

#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {

void insert_web_session(soci::session& sql, const WebSession& s) {
  long long user = s.user_id;
  soci::indicator user_ind = s.user_id ? soci::i_ok : soci::i_null;
  int remember = s.remember_me ? 1 : 0;
  sql << "INSERT INTO web_sessions (id, user_id, csrf_secret, data, created_at, expires_at, remember_me, last_seen_at, "
         "ip, user_agent) VALUES (:id, :user, :csrf, :data, :created, :expires, :remember, :seen, :ip, :agent)",
      soci::use(s.id_hash), soci::use(user, user_ind), soci::use(s.csrf_secret), soci::use(s.data),
      soci::use(s.created_at), soci::use(s.expires_at), soci::use(remember), soci::use(s.last_seen_at),
      soci::use(s.ip), soci::use(s.user_agent);
}

std::optional<WebSession> find_web_session(soci::session& sql, const std::string& id_hash, const std::string& now,
                                           bool anonymous) {
  SqlParams p;
  std::string q = "SELECT id, user_id, csrf_secret, created_at, expires_at, last_seen_at, remember_me, ip, "
                  "user_agent, data FROM web_sessions WHERE id = " + p.add(id_hash) + " AND expires_at > " + p.add(now) +
                  (anonymous ? "" : " AND user_id IS NOT NULL");
  return first_row(sql, q, p, [](const Row& r) {
  WebSession s;
  s.id_hash = get_text(r, 0);
  s.user_id = get_opt_int(r, 1).value_or(0);
  s.csrf_secret = get_text(r, 2);
  s.created_at = get_text(r, 3);
  s.expires_at = get_text(r, 4);
  s.last_seen_at = get_text(r, 5);
  s.remember_me = get_bool(r, 6);
  s.ip = get_opt_text(r, 7).value_or("");
  s.user_agent = get_opt_text(r, 8).value_or("");
  s.data = get_text(r, 9);
  return s;
  });
}

bool replace_web_session_data(soci::session& sql, const std::string& id_hash, const std::string& expected,
                              const std::string& data) {
  soci::statement st = (sql.prepare << "UPDATE web_sessions SET data = :data WHERE id = :id AND data = :expected",
                        soci::use(data), soci::use(id_hash), soci::use(expected));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void touch_web_session(soci::session& sql, const std::string& id_hash, const std::string& last_seen,
                       const std::string& expires_at) {
  sql << "UPDATE web_sessions SET last_seen_at = :seen, expires_at = :expires WHERE id = :id", soci::use(last_seen),
      soci::use(expires_at), soci::use(id_hash);
}

void delete_web_session(soci::session& sql, const std::string& id_hash) {
  sql << "DELETE FROM web_sessions WHERE id = :id", soci::use(id_hash);
}

void delete_user_web_sessions(soci::session& sql, std::int64_t user_id, const std::string& keep_id_hash) {
  long long user = user_id;
  sql << "DELETE FROM web_sessions WHERE user_id = :user AND id <> :keep", soci::use(user), soci::use(keep_id_hash);
}

}  // namespace the5hc::store
