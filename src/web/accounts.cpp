#include "web/accounts.hpp"

#include "front/context.hpp"
#include "auth/csrf.hpp"
#include "common/error.hpp"
#include "config/config.hpp"
#include "http/cookies.hpp"
#include "http/error_mapping.hpp"
#include "service/login.hpp"
#include "service/web_sessions.hpp"
#include "front/session.hpp"

namespace the5hc::web {
namespace {

struct LoginForm {
  std::string identifier, next;
  bool remember_me = false;
  std::string error;  // already translated
};

std::string login_page(const http::Request& req, const LoginForm& form, const std::string& csrf_token) {
  auto t = [&](std::string_view msgid) { return http::html_escape(i18n::tr(req.lang, msgid)); };
  std::string html = "<!doctype html>\n<html lang=\"" + std::string(lang_code(req.lang)) +
                     "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1\"><title>" + t("Log in") + " - The5HC</title>"
                     "<style>body{font-family:sans-serif;background:#f3f4f6;display:flex;justify-content:center;"
                     "padding-top:10vh}main{background:#fff;padding:2rem;border-radius:8px;min-width:18rem}"
                     "label{display:block;margin-top:1rem}input[type=text],input[type=password]{width:100%;"
                     "box-sizing:border-box;padding:.5rem}.error{color:#b91c1c}button{margin-top:1.5rem;width:100%;"
                     "padding:.6rem}</style></head><body><main><h1>The5HC</h1><p>" + t("Fitness assessment system") +
                     "</p><h2>" + t("Log in") + "</h2>";
  if (!form.error.empty()) html += "<p class=\"error\" role=\"alert\">" + http::html_escape(form.error) + "</p>";
  html += "<form method=\"post\" action=\"/accounts/login/\">"
          "<input type=\"hidden\" name=\"" + std::string(front::kCsrfField) + "\" value=\"" + http::html_escape(csrf_token) +
          "\"><input type=\"hidden\" name=\"next\" value=\"" + http::html_escape(form.next) + "\">"
          "<label>" + t("Username or e-mail") + " *<input type=\"text\" name=\"email_or_username\" maxlength=\"254\" "
          "autocomplete=\"username\" required autofocus value=\"" + http::html_escape(form.identifier) + "\"></label>"
          "<label>" + t("Password") + " *<input type=\"password\" name=\"password\" autocomplete=\"current-password\" "
          "required></label><label><input type=\"checkbox\" name=\"remember_me\" value=\"1\"" +
          (form.remember_me ? " checked" : "") + "> " + t("Keep me logged in (30 days)") + "</label>"
          "<button type=\"submit\">" + t("Log in") + "</button></form></main></body></html>\n";
  return html;
}

// The page with a fresh masked token for the browser's anonymous CSRF secret (created, and its cookie set, when
// the browser has none yet).
http::Response render_login(const http::Request& req, const service::Dependencies& deps, int status,
                            const LoginForm& form) {
  auto secret = front::anonymous_csrf_secret(req);
  bool new_secret = !secret;
  if (new_secret) secret = auth::csrf::new_secret();
  auto res = http::Response::html(status, login_page(req, form, auth::csrf::mask(*secret, deps.config.secret_key)));
  if (new_secret) res.add_cookie(front::csrf_cookie(deps.config, *secret));
  // The page holds a one-time token and a typed identifier: never from a cache.
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

std::string safe_next(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.starts_with("//")) return "/";
  for (char c : next)
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "/";
  return next;
}

void register_account_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/accounts/login/", [&deps](http::Request& req) {
    LoginForm form;
    form.next = req.query.get("next").value_or("");
    if (req.context<service::Actor>()) return http::Response::redirect(safe_next(form.next));
    return render_login(req, deps, 200, form);
  }, "login");

  router.post("/accounts/login/", [&deps](http::Request& req) {
    auto fields = http::QueryParams::parse(req.media_type() == "application/x-www-form-urlencoded" ? req.body : "");
    LoginForm form;
    form.identifier = fields.get("email_or_username").value_or("");
    form.next = fields.get("next").value_or("");
    form.remember_me = !fields.get("remember_me").value_or("").empty();
    std::string password = fields.get("password").value_or("");
    if (form.identifier.empty() || password.empty()) {
      form.error = i18n::tr(req.lang, "This field is required.");
      return render_login(req, deps, 422, form);
    }
    auto ctx = front::context(req, deps);
    std::optional<service::NewWebSession> session;
    try {
      session = service::login_for_web_session(ctx, deps.limiter, form.identifier, password, form.remember_me,
                                               http::cookie(req, front::kSessionCookie));
    } catch (const Error& e) {
      if (e.code() != ErrorCode::invalid_credentials && e.code() != ErrorCode::account_locked &&
          e.code() != ErrorCode::throttled)
        throw;
      // The message and headers (Retry-After) of the one error mapping, shown on the form: 422 for a refused
      // login (WEB.md §3, invalid form POST), 429 kept for the rate limit.
      auto reply = http::map_error(req, e);
      form.error = reply.message;
      auto res = render_login(req, deps, reply.status == 429 ? 429 : 422, form);
      for (const auto& [name, value] : reply.headers) res.headers.set(name, value);
      return res;
    }
    auto res = http::Response::redirect(safe_next(form.next), 303);
    res.add_cookie(front::session_cookie(deps.config, session->session_id, session->remember_me));
    // Signed in, the session's own CSRF secret takes over from the anonymous one.
    res.add_cookie(http::set_cookie(front::kCsrfCookie, "", {.max_age = 0, .secure = deps.config.session_cookie_secure}));
    return res;
  }, "login-submit");

  router.post("/accounts/logout/", [&deps](http::Request& req) {
    auto session_id = http::cookie(req, front::kSessionCookie);
    auto ctx = front::context(req, deps);
    if (session_id && !session_id->empty()) service::logout(ctx, std::nullopt, session_id);
    auto res = http::Response::redirect("/accounts/login/", 303);
    res.add_cookie(front::expired_session_cookie(deps.config));
    return res;
  }, "logout");
}

}  // namespace the5hc::web
