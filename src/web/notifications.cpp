// Notifications (WEB.md §2, §4.7): the navbar badge (a <span> polled every 60 s) and the page /trainers/notifications/
// with the unread dots, "모두 읽음으로 표시", and items that mark themselves read and open their URL.
#include "web/notifications.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "front/context.hpp"
#include "service/notifications.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {


// Where a notification leads: its own path only (never another site).
std::string target_of(const service::NotificationView& v) {
  const auto& url = v.notification.url;
  if (url && url->starts_with("/") && !url->starts_with("//")) return *url;
  return "/trainers/notifications/";
}

}  // namespace

void register_notification_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/trainers/notifications/badge/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto unread = service::unread_notification_count(ctx);
    json data = {{"unread", unread > 0}, {"count", unread > 99 ? "99+" : std::to_string(unread)}};
    return fragment(req, "_notification_badge", data);
  }, "web-notification-badge");

  page_route(router, "GET", "/trainers/notifications/", [&deps](http::Request& req) {
    int page = static_cast<int>(std::clamp<std::int64_t>(number(req.query, "page").value_or(1), 1, 100000));
    auto ctx = front::context(req, deps);
    auto list = service::list_notifications(ctx, std::nullopt, kPageSize, (page - 1) * kPageSize);
    auto now = deps.clock.now();
    json items = json::array();
    bool any_unread = false;
    for (const auto& v : list.results) {
      auto at = parse_timestamp(v.notification.created_at);
      any_unread = any_unread || !v.notification.is_read;
      items.push_back({{"id", v.notification.id},
                       {"title", v.title},
                       {"message", v.message},
                       {"unread", !v.notification.is_read},
                       {"when", at ? relative_time(*at, now, req.lang) : ""}});
    }
    Page p;
    p.title = i18n::tr(req.lang, "Notifications");
    p.content = "notifications/list";
    p.data = {{"items", items},
              {"has_items", !items.empty()},
              {"any_unread", any_unread},
              {"previous", page > 1 ? json("/trainers/notifications/?page=" + std::to_string(page - 1)) : json(nullptr)},
              {"next", page * kPageSize < list.count ? json("/trainers/notifications/?page=" + std::to_string(page + 1))
                                                     : json(nullptr)}};
    return respond(req, deps, std::move(p));
  }, "web-notifications");

  page_route(router, "POST", "/trainers/notifications/{id:int}/read/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto v = service::mark_notification_read(ctx, front::path_id(req));
    return see_other(req, deps, target_of(v), "info", "");
  }, "web-notification-read");

  page_route(router, "POST", "/trainers/notifications/read-all/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    int n = service::mark_all_notifications_read(ctx);
    return see_other(req, deps, "/trainers/notifications/", "success",
                     plural(req.lang, "{n} notification marked as read.", "{n} notifications marked as read.", n));
  }, "web-notifications-read-all");
}

}  // namespace the5hc::web
