#pragma once
// Notifications (DOMAIN.md §10.2): the one call use cases make to tell an organisation's active owners and seniors
// (except the acting user) that something happened, and the reader's side (API.md §3.12).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "store/notifications.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

// What the notification is about. organization_id chooses the recipients.
struct NotificationObject {
  std::int64_t organization_id = 0;
  std::string type;  // "client", "assessment", "payment", "trainer"
  std::optional<std::int64_t> id;
  std::string url;   // where the bell links to, e.g. "/clients/12/"
};

// type: client_added {actor, client} | assessment_completed {client, overall} | payment_received {client, amount
// (KRW digits), method} | trainer_joined {trainer, role (code)}. The text is rendered in each reader's language
// when read, so params hold values, never sentences. Call inside the use case's write transaction.
void notify(soci::session& sql, const Context& ctx, const std::string& type,
            const std::map<std::string, std::string>& params, const NotificationObject& object);

struct NotificationView {
  store::Notification notification;
  std::string title, message;  // in ctx.lang
};

struct NotificationPage {
  std::int64_t count = 0;
  std::vector<NotificationView> results;
};

NotificationPage list_notifications(Context& ctx, std::optional<bool> is_read, int limit, int offset);
std::int64_t unread_notification_count(Context& ctx);
NotificationView mark_notification_read(Context& ctx, std::int64_t id);  // 404 unless the caller's own
int mark_all_notifications_read(Context& ctx);

}  // namespace the5hc::service
