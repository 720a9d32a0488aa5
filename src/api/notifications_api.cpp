#include "api/activity_api.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "service/notifications.hpp"

namespace the5hc::api {
namespace {

nlohmann::json notification_json(const service::NotificationView& v) {
  const auto& n = v.notification;
  return {{"id", n.id},
          {"type", n.type},
          {"title", v.title},
          {"message", v.message},
          {"url", nullable(n.url)},
          {"object_type", nullable(n.object_type)},
          {"object_id", nullable(n.object_id)},
          {"is_read", n.is_read},
          {"read_at", timestamp_json(n.read_at, n.organization_timezone)},
          {"created_at", timestamp_json(n.created_at, n.organization_timezone)}};
}

}  // namespace

void register_notification_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/notifications/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    auto page = page_request(req);
    auto result = service::list_notifications(ctx, query_bool(req, "is_read"), page.page_size, page.offset());
    auto items = nlohmann::json::array();
    for (const auto& v : result.results) items.push_back(notification_json(v));
    return http::json_response(200, page_envelope(req, page, result.count, items));
  }, "notifications-list");

  router.get("/api/v1/notifications/unread_count/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, {{"count", service::unread_notification_count(ctx)}});
  }, "notifications-unread-count");

  router.post("/api/v1/notifications/{id:int}/read/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, notification_json(service::mark_notification_read(ctx, front::path_id(req))));
  }, "notifications-read");

  router.post("/api/v1/notifications/read_all/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, {{"updated", service::mark_all_notifications_read(ctx)}});
  }, "notifications-read-all");
}

}  // namespace the5hc::api
