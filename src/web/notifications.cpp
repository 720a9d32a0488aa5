// The navbar's notification badge (WEB.md §2): a <span> fragment polled every 60 s.
#include "web/notifications.hpp"

#include "front/context.hpp"
#include "service/notifications.hpp"
#include "web/page.hpp"

namespace the5hc::web {

void register_notification_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/trainers/notifications/badge/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto unread = service::unread_notification_count(ctx);
    json data = {{"unread", unread > 0}, {"count", unread > 99 ? "99+" : std::to_string(unread)}};
    return fragment(req, "_notification_badge", data);
  }, "web-notification-badge");
}

}  // namespace the5hc::web
