#include "api/activity_api.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "api/users_json.hpp"
#include "http/json_response.hpp"
#include "service/users.hpp"

namespace the5hc::api {

void register_user_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/users/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    auto page = page_request(req);
    auto result = service::list_users(ctx, search_terms(req), page.page_size, page.offset());
    auto items = nlohmann::json::array();
    for (const auto& p : result.results) items.push_back(user_json(p, req.lang));
    return http::json_response(200, page_envelope(req, page, result.count, items));
  }, "users-list");

  // Read-only: the router answers PUT/PATCH/DELETE with 405 and the Allow header.
  router.get("/api/v1/users/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, user_json(service::get_user(ctx, front::path_id(req)), req.lang));
  }, "users-detail");
}

}  // namespace the5hc::api
