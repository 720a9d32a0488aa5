#include "store/users.hpp"

#include <type_traits>

#include "store/batch_insert.hpp"
#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
User user_from_row(const Row& r, std::size_t first) {
  User u;
  u.id = get_int(r, first + 0);
  u.username = get_text(r, first + 1);
  u.email = get_text(r, first + 2);
  u.name = get_text(r, first + 3);
  u.password_hash = get_text(r, first + 4);
  u.is_active = get_bool(r, first + 5);
  u.is_superuser = get_bool(r, first + 6);
  u.language = get_text(r, first + 7);
  u.failed_login_attempts = static_cast<int>(get_int(r, first + 8));
  u.locked_until = get_opt_text(r, first + 9);
  u.last_login = get_opt_text(r, first + 10);
  u.password_changed_at = get_opt_text(r, first + 11);
  u.must_change_password = get_bool(r, first + 12);
  u.date_joined = get_text(r, first + 13);
  u.updated_at = get_text(r, first + 14);
  static_assert(kUserColumnCount == 15, "user_from_row reads every column of THE5HC_USER_COLUMNS, in order");
  return u;
}

namespace {

const char* kColumns = "SELECT " THE5HC_USER_COLUMNS " FROM users u ";

User to_user(const Row& r) { return user_from_row(r, 0); }

// The user `WHERE <before> <value> <after>` (through for_each_row: a cached statement on SQLite).
template <class V>
std::optional<User> one(soci::session& sql, const std::string& before, const V& value, const std::string& after = "") {
  SqlParams p;
  std::string placeholder;
  if constexpr (std::is_integral_v<V>) placeholder = p.add(static_cast<std::int64_t>(value));
  else placeholder = p.add(value);
  std::string query = std::string(kColumns) + before + placeholder + after;
  std::optional<User> out;
  for_each_row(sql, query, p, [&](const Row& r) {
    if (!out) out = to_user(r);
  });
  return out;
}

}  // namespace

std::optional<User> find_user(soci::session& sql, std::int64_t id) {
  return one(sql, "WHERE id = ", id);
}

std::optional<User> find_user_by_login(soci::session& sql, const std::string& identifier) {
  if (identifier.find('@') != std::string::npos) return one(sql, "WHERE lower(email) = lower(", identifier, ")");
  return one(sql, "WHERE lower(username) = lower(", identifier, ")");
}

bool username_taken(soci::session& sql, const std::string& username) {
  return one(sql, "WHERE lower(username) = lower(", username, ")").has_value();
}

bool email_taken(soci::session& sql, const std::string& email) {
  return one(sql, "WHERE lower(email) = lower(", email, ")").has_value();
}

User new_user(std::string username, std::string email, std::string name, std::string password_hash,
              const std::string& now) {
  User u;
  u.username = std::move(username);
  u.email = std::move(email);
  u.name = std::move(name);
  u.password_hash = std::move(password_hash);
  u.password_changed_at = u.date_joined = u.updated_at = now;
  return u;
}

std::int64_t insert_user(soci::session& sql, const User& u) {
  return insert_row(sql, "users",
                    {{"username", val(u.username)},
                     {"email", val(u.email)},
                     {"name", val(u.name)},
                     {"password_hash", val(u.password_hash)},
                     {"is_active", val(u.is_active)},
                     {"is_superuser", val(u.is_superuser)},
                     {"language", val(u.language)},
                     {"failed_login_attempts", val(u.failed_login_attempts)},
                     {"locked_until", val(u.locked_until)},
                     {"last_login", val(u.last_login)},
                     {"password_changed_at", val(u.password_changed_at)},
                     {"must_change_password", val(u.must_change_password)},
                     {"date_joined", val(u.date_joined)},
                     {"updated_at", val(u.updated_at)}});
}

void update_user_profile(soci::session& sql, std::int64_t id, const std::string& name, const std::string& email,
                         const std::string& language, const std::string& now) {
  long long v = id;
  sql << "UPDATE users SET name = :name, email = :email, language = :language, updated_at = :now WHERE id = :id",
      soci::use(name), soci::use(email), soci::use(language), soci::use(now), soci::use(v);
}

void set_password_hash(soci::session& sql, std::int64_t id, const std::string& hash, bool must_change,
                       const std::string& now) {
  long long v = id;
  int m = must_change ? 1 : 0;
  sql << "UPDATE users SET password_hash = :hash, must_change_password = :m, password_changed_at = :now1, "
         "updated_at = :now2 WHERE id = :id",
      soci::use(hash), soci::use(m), soci::use(now), soci::use(now), soci::use(v);
}

void upgrade_password_hash(soci::session& sql, std::int64_t id, const std::string& hash, bool must_change) {
  long long v = id;
  int m = must_change ? 1 : 0;
  sql << "UPDATE users SET password_hash = :hash, must_change_password = :m WHERE id = :id", soci::use(hash),
      soci::use(m), soci::use(v);
}

void record_login_failure(soci::session& sql, std::int64_t id, int failed_attempts,
                          const std::optional<std::string>& locked_until, const std::string& now) {
  long long v = id;
  OptionalParam<std::string> lock(locked_until);
  sql << "UPDATE users SET failed_login_attempts = :n, locked_until = :lock, updated_at = :now WHERE id = :id",
      soci::use(failed_attempts), soci::use(lock.value, lock.ind), soci::use(now), soci::use(v);
}

void record_login_success(soci::session& sql, std::int64_t id, const std::string& now) {
  long long v = id;
  sql << "UPDATE users SET failed_login_attempts = 0, locked_until = NULL, last_login = :now WHERE id = :id",
      soci::use(now), soci::use(v);
}

namespace {
std::string list_where(std::optional<std::int64_t> organization_id, const std::vector<std::string>& search,
                       SqlParams& p) {
  std::string w = "WHERE 1 = 1";
  if (organization_id)
    w += " AND id IN (SELECT user_id FROM trainers WHERE organization_id = " + p.add(*organization_id) + ")";
  for (const auto& term : search) {
    std::string like = like_pattern(term);
    w += " AND (lower(username) LIKE " + p.add(like) + " ESCAPE '\\' OR lower(email) LIKE " + p.add(like) +
         " ESCAPE '\\' OR lower(name) LIKE " + p.add(like) + " ESCAPE '\\')";
  }
  return w + " ";
}
}  // namespace

std::vector<User> list_users(soci::session& sql, std::optional<std::int64_t> organization_id,
                             const std::vector<std::string>& search, int limit, int offset) {
  std::vector<User> out;
  SqlParams p;
  std::string q = std::string(kColumns) + list_where(organization_id, search, p) + "ORDER BY username, id LIMIT " +
                  p.add(limit) + " OFFSET " + p.add(offset);
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_user(r)); });
  return out;
}

std::int64_t count_users(soci::session& sql, std::optional<std::int64_t> organization_id,
                         const std::vector<std::string>& search) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM users " + list_where(organization_id, search, p), p);
}

}  // namespace the5hc::store
