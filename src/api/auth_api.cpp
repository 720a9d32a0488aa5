#include "api/auth_api.hpp"

#include "api/body.hpp"
#include "api/support.hpp"
#include "api/users_json.hpp"
#include "http/json_response.hpp"
#include "service/authorization.hpp"
#include "service/identity.hpp"
#include "service/login.hpp"

namespace the5hc::api {

void register_auth_routes(http::Router& router, const app::Dependencies& deps) {
  router.post("/api/v1/auth/login/", [&deps](http::Request& req) {
    Body body(req, {"email_or_username", "password"});
    auto identifier = body.text("email_or_username", true, false, 254);
    auto password = body.text("password", true, false, 0, true);
    body.finish();
    auto ctx = context(req, deps);
    auto result = service::login(ctx, deps.limiter, *identifier, *password);
    auto tokens = service::issue_tokens(ctx, result.actor.user_id);
    auto profile = service::get_profile(ctx, result.actor.user_id);
    return http::json_response(200, {{"access", tokens.access},
                                     {"refresh", tokens.refresh},
                                     {"user", user_json(profile, req.lang)}});
  }, "auth-login");

  router.get("/api/v1/users/me/", [&deps](http::Request& req) {
    auto ctx = context(req, deps);
    const auto& actor = service::require_actor(ctx);
    return http::json_response(200, user_json(service::get_profile(ctx, actor.user_id), req.lang));
  }, "users-me");
}

}  // namespace the5hc::api
