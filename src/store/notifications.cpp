#include "store/notifications.hpp"

#include "store/batch_insert.hpp"
#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kColumns =
    "SELECT id, user_id, organization_id, type, params, object_type, object_id, url, is_read, read_at, created_at, "
    "(SELECT timezone FROM organizations o WHERE o.id = notifications.organization_id) FROM notifications ";

Notification to_notification(const Row& r) {
  Notification n;
  n.id = get_int(r, 0);
  n.user_id = get_int(r, 1);
  n.organization_id = get_int(r, 2);
  n.type = get_text(r, 3);
  n.params = get_text(r, 4);
  n.object_type = get_opt_text(r, 5);
  n.object_id = get_opt_int(r, 6);
  n.url = get_opt_text(r, 7);
  n.is_read = get_bool(r, 8);
  n.read_at = get_opt_text(r, 9);
  n.created_at = get_text(r, 10);
  n.organization_timezone = get_text(r, 11);
  return n;
}

std::string where(std::int64_t user_id, std::optional<bool> is_read, SqlParams& p) {
  std::string w = "WHERE user_id = " + p.add(user_id);
  if (is_read) w += " AND is_read = " + p.add(*is_read ? 1 : 0);
  return w + " ";
}

}  // namespace

std::int64_t insert_notification(soci::session& sql, const Notification& n) {
  // insert_row: a cached statement on SQLite (assessment and booking writes notify owners on every request).
  return insert_row(sql, "notifications",
                    {{"user_id", val(n.user_id)}, {"organization_id", val(n.organization_id)}, {"type", val(n.type)},
                     {"params", val(n.params)}, {"object_type", val(n.object_type)}, {"object_id", val(n.object_id)},
                     {"url", val(n.url)}, {"is_read", val(false)}, {"created_at", val(n.created_at)}});
}

std::optional<Notification> find_notification(soci::session& sql, std::int64_t id, std::int64_t user_id) {
  std::optional<Notification> out;
  SqlParams p;
  for_each_row(sql, std::string(kColumns) + where(user_id, std::nullopt, p) + "AND id = " + p.add(id), p,
               [&](const Row& r) { out = to_notification(r); });
  return out;
}

std::vector<Notification> list_notifications(soci::session& sql, std::int64_t user_id, std::optional<bool> is_read,
                                             int limit, int offset) {
  std::vector<Notification> out;
  SqlParams p;
  std::string q = std::string(kColumns) + where(user_id, is_read, p) + "ORDER BY created_at DESC, id DESC LIMIT " +
                  p.add(limit) + " OFFSET " + p.add(offset);
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_notification(r)); });
  return out;
}

std::int64_t count_notifications(soci::session& sql, std::int64_t user_id, std::optional<bool> is_read) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM notifications " + where(user_id, is_read, p), p);
}

void mark_notification_read(soci::session& sql, std::int64_t id, const std::string& now) {
  long long v = id;
  sql << "UPDATE notifications SET is_read = 1, read_at = :now WHERE id = :id AND is_read = 0", soci::use(now),
      soci::use(v);
}

int mark_all_notifications_read(soci::session& sql, std::int64_t user_id, const std::string& now) {
  long long v = user_id;
  soci::statement st = (sql.prepare << "UPDATE notifications SET is_read = 1, read_at = :now "
                                       "WHERE user_id = :user AND is_read = 0",
                        soci::use(now), soci::use(v));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace the5hc::store
