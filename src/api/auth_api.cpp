#include "api/auth_api.hpp"

#include "api/body.hpp"
#include "front/context.hpp"
#include "api/users_json.hpp"
#include "http/cookies.hpp"
#include "http/json_response.hpp"
#include "service/identity.hpp"
#include "service/login.hpp"
#include "service/profile.hpp"
#include "service/tokens.hpp"
#include "service/web_sessions.hpp"
#include "front/session.hpp"

namespace the5hc::api {
namespace {

nlohmann::json token_pair_json(const service::TokenPair& tokens) {
  return {{"access", tokens.access}, {"refresh", tokens.refresh}};
}

// The session id of a request authenticated by its cookie (not by a bearer token), for "keep this session".
std::string cookie_session_id(const http::Request& req) {
  if (req.headers.has("Authorization")) return "";
  return http::cookie(req, front::kSessionCookie).value_or("");
}

}  // namespace

void register_auth_routes(http::Router& router, const service::Dependencies& deps) {
  router.post("/api/v1/auth/login/", [&deps](http::Request& req) {
    Body body(req, {"email_or_username", "password"});
    auto identifier = body.text("email_or_username", true, false, 254);
    auto password = body.text("password", true, false, 0, true);
    body.finish();
    auto ctx = front::context(req, deps);
    auto signed_in = service::login_for_tokens(ctx, deps.limiter, *identifier, *password);
    auto json = token_pair_json(signed_in.tokens);
    json["user"] = user_json(signed_in.user, req.lang);
    return http::json_response(200, json);
  }, "auth-login");

  router.post("/api/v1/auth/refresh/", [&deps](http::Request& req) {
    Body body(req, {"refresh"});
    auto refresh = body.text("refresh", true);
    body.finish();
    auto ctx = front::context(req, deps);
    return http::json_response(200, token_pair_json(service::refresh_tokens(ctx, *refresh)));
  }, "auth-refresh");

  router.post("/api/v1/auth/logout/", [&deps](http::Request& req) {
    auto session_id = http::cookie(req, front::kSessionCookie);
    if (session_id && session_id->empty()) session_id.reset();
    Body body(req, {"refresh"});
    auto refresh = body.text("refresh", !session_id);
    body.finish();
    auto ctx = front::context(req, deps);
    service::logout(ctx, refresh, session_id);
    http::Response res;
    res.status = 204;
    if (session_id) res.add_cookie(front::expired_session_cookie(deps.config));
    return res;
  }, "auth-logout");

  router.post("/api/v1/auth/verify/", [&deps](http::Request& req) {
    Body body(req, {"token"});
    auto token = body.text("token", true);
    body.finish();
    auto ctx = front::context(req, deps);
    service::verify_token(ctx, *token);
    return http::json_response(200, nlohmann::json::object());
  }, "auth-verify");

  router.get("/api/v1/users/me/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, user_json(service::own_profile(ctx), req.lang));
  }, "users-me");

  router.patch("/api/v1/users/me/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    Body body(req, {"name", "email", "language"},
              {"id", "username", "is_active", "is_superuser", "date_joined", "last_login", "must_change_password",
               "trainer"});
    service::ProfileChange change;
    change.name = body.text("name", false, false, 200);
    change.email = body.text("email", false, false, 254);
    change.language = body.choice("language", {"ko", "en"});
    body.finish();
    return http::json_response(200, user_json(service::update_own_profile(ctx, change), req.lang));
  }, "users-me-update");

  router.post("/api/v1/users/change_password/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    Body body(req, {"old_password", "new_password", "confirm_password"});
    service::PasswordChange change;
    change.old_password = body.text("old_password", true, false, 0, true).value_or("");
    change.new_password = body.text("new_password", true, false, 0, true).value_or("");
    change.confirm_password = body.text("confirm_password", true, false, 0, true).value_or("");
    body.finish();
    change.keep_session_id = cookie_session_id(req);
    auto json = token_pair_json(service::change_password(ctx, change));
    // 비밀번호가 성공적으로 변경되었습니다.
    json["detail"] = i18n::tr(req.lang, "Password changed successfully.");
    return http::json_response(200, json);
  }, "users-change-password");
}

}  // namespace the5hc::api
