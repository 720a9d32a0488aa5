#pragma once
// Notifications (DOMAIN.md §1.14, §10.2): one row per recipient; the text is rendered from type + params when read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace the5hc::store {

struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::int64_t organization_id = 0;
  std::string type;
  std::string params = "{}";  // JSON object
  std::optional<std::string> object_type;
  std::optional<std::int64_t> object_id;
  std::optional<std::string> url;
  bool is_read = false;
  std::optional<std::string> read_at;
  std::string created_at;
  std::string organization_timezone;  // read only
};

std::int64_t insert_notification(soci::session& sql, const Notification& n);
// Only the recipient's own notifications exist for them.
std::optional<Notification> find_notification(soci::session& sql, std::int64_t id, std::int64_t user_id);
std::vector<Notification> list_notifications(soci::session& sql, std::int64_t user_id, std::optional<bool> is_read,
                                             int limit, int offset);
std::int64_t count_notifications(soci::session& sql, std::int64_t user_id, std::optional<bool> is_read);
void mark_notification_read(soci::session& sql, std::int64_t id, const std::string& now);
int mark_all_notifications_read(soci::session& sql, std::int64_t user_id, const std::string& now);

}  // namespace the5hc::store
