#pragma once
// Users (DOMAIN.md §1.2): the only SQL touching the users table.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace the5hc::store {

class Row;  // store/row.hpp

struct User {
  std::int64_t id = 0;
  std::string username, email, name, password_hash;
  bool is_active = true;
  bool is_superuser = false;
  std::string language = "ko";
  int failed_login_attempts = 0;
  std::optional<std::string> locked_until, last_login, password_changed_at;
  bool must_change_password = false;
  std::string date_joined, updated_at;
};

std::optional<User> find_user(soci::session& sql, std::int64_t id);
// For a query that joins users as "u": its columns in the order user_from_row reads them from position `first`.
// A literal (no std::string): request threads may still read it while the process exits.
#define THE5HC_USER_COLUMNS                                                                                     \
  "u.id, u.username, u.email, u.name, u.password_hash, u.is_active, u.is_superuser, u.language, "             \
  "u.failed_login_attempts, u.locked_until, u.last_login, u.password_changed_at, u.must_change_password, "   \
  "u.date_joined, u.updated_at"
User user_from_row(const Row& r, std::size_t first);
// How many columns a list like THE5HC_USER_COLUMNS names (its commas, plus one), for where the next table's begin.
constexpr std::size_t column_count(const char* list) {
  std::size_t n = 1;
  for (; *list; ++list) n += *list == ',';
  return n;
}
inline constexpr std::size_t kUserColumnCount = column_count(THE5HC_USER_COLUMNS);
// Case-insensitive; an identifier containing "@" is an e-mail (DOMAIN.md §7.1).
std::optional<User> find_user_by_login(soci::session& sql, const std::string& username_or_email);
bool username_taken(soci::session& sql, const std::string& username);
bool email_taken(soci::session& sql, const std::string& email);
// A new account as created today: active, language ko, password set now (password_changed_at = date_joined =
// updated_at = now).
User new_user(std::string username, std::string email, std::string name, std::string password_hash,
              const std::string& now);
// Every column of the row but the id.
std::int64_t insert_user(soci::session& sql, const User& u);
void update_user_profile(soci::session& sql, std::int64_t id, const std::string& name, const std::string& email,
                         const std::string& language, const std::string& now);
void set_password_hash(soci::session& sql, std::int64_t id, const std::string& hash, bool must_change,
                       const std::string& now);
// Replaces the hash without touching password_changed_at (a transparent upgrade is not a password change, so
// tokens issued before it stay valid); must_change flags a legacy password that fails today's policy.
void upgrade_password_hash(soci::session& sql, std::int64_t id, const std::string& hash, bool must_change);
void record_login_failure(soci::session& sql, std::int64_t id, int failed_attempts,
                          const std::optional<std::string>& locked_until, const std::string& now);
void record_login_success(soci::session& sql, std::int64_t id, const std::string& now);
// Users with a membership in the organisation (nullopt = every user, for the platform superuser); every search
// term matches username, e-mail or name. Ordered by username.
std::vector<User> list_users(soci::session& sql, std::optional<std::int64_t> organization_id,
                             const std::vector<std::string>& search, int limit, int offset);
std::int64_t count_users(soci::session& sql, std::optional<std::int64_t> organization_id,
                         const std::vector<std::string>& search);

}  // namespace the5hc::store
