#include "web/accounts.hpp"

#include "common/error.hpp"
#include "config/config.hpp"
#include "domain/permissions.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "http/error_mapping.hpp"
#include "front/session.hpp"
#include "http/cookies.hpp"
#include "service/login.hpp"
#include "service/profile.hpp"
#include "service/web_sessions.hpp"
#include "web/format.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

http::Response login_page(const http::Request& req, const service::Dependencies& deps, int status, json form) {
  Page page;
  page.title = i18n::tr(req.lang, "Log in");
  page.content = "accounts/login";
  page.data = std::move(form);
  page.status = status;
  auto res = respond(req, deps, std::move(page));
  return res;
}

http::Response password_page(const http::Request& req, const service::Dependencies& deps, int status, json errors) {
  Page page;
  page.title = i18n::tr(req.lang, "Change password");
  page.content = "accounts/password";
  page.data = {{"errors", std::move(errors)},
               {"forced", front::actor(req) && front::actor(req)->must_change_password}};
  page.status = status;
  return respond(req, deps, std::move(page));
}

json profile_json(const service::UserProfile& p, Lang lang) {
  json out = {{"username", p.user.username}, {"name", p.user.name}, {"email", p.user.email},
              {"language_ko", p.user.language != "en"}, {"language_en", p.user.language == "en"}};
  if (p.organization && p.trainer) {
    json m = {{"organization", p.organization->name}, {"joined", long_date(p.trainer->created_at, lang)}};
    if (auto role = d::parse_role(p.trainer->role)) m["role"] = lang == Lang::en ? d::role_label(*role).en : d::role_label(*role).ko;
    out["membership"] = m;
  }
  return out;
}

// Where a navbar form returns to: its `next` field, else the page it was sent from (Referer), same-origin paths only.
std::string back_path(const http::Request& req, const http::QueryParams& fields) {
  std::string back = "/";
  std::string referer = req.header("Referer");
  if (auto scheme = referer.find("://"); scheme != std::string::npos)
    if (auto path = referer.find('/', scheme + 3); path != std::string::npos) back = referer.substr(path);
  return safe_next(fields.get("next").value_or(back));
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
    std::string next = req.query.get("next").value_or("");
    if (front::actor(req)) return http::Response::redirect(safe_next(next));
    return login_page(req, deps, 200, {{"next", next}});
  }, "login");

  router.post("/accounts/login/", [&deps](http::Request& req) {
    auto fields = form(req);
    json view = {{"identifier", fields.get("email_or_username").value_or("")},
                 {"next", fields.get("next").value_or("")},
                 {"remember_me", !fields.get("remember_me").value_or("").empty()}};
    std::string password = fields.get("password").value_or("");
    if (view["identifier"].get<std::string>().empty() || password.empty()) {
      view["error"] = i18n::tr(req.lang, "This field is required.");
      return login_page(req, deps, 422, view);
    }
    auto ctx = front::context(req, deps);
    std::optional<service::SignedInWeb> signed_in;
    try {
      signed_in = service::login_for_web_session(ctx, deps.limiter, view["identifier"].get<std::string>(), password,
                                                 view["remember_me"].get<bool>(),
                                                 http::cookie(req, front::kSessionCookie));
    } catch (const Error& e) {
      if (e.code() != ErrorCode::invalid_credentials && e.code() != ErrorCode::account_locked &&
          e.code() != ErrorCode::throttled)
        throw;
      // The message and headers (Retry-After) of the one error mapping, shown on the form: 422 for a refused
      // login (WEB.md §3, invalid form POST), 429 kept for the rate limit.
      auto reply = http::map_error(req, e);
      view["error"] = reply.message;
      auto res = login_page(req, deps, reply.status == 429 ? 429 : 422, view);
      for (const auto& [name, value] : reply.headers) res.headers.set(name, value);
      return res;
    }
    const auto& actor = signed_in->actor;
    const auto& session = signed_in->session;
    Lang lang = i18n::parse(actor.language);
    auto res = see_other(req, deps, safe_next(view["next"].get<std::string>()), "success",
                         i18n::translate(lang, i18n::args("Welcome, {name}!", {{"name", actor.name}})),
                         session.session_id);
    res.add_cookie(front::session_cookie(deps.config, session.session_id, session.remember_me));
    // Signed in, the session's own CSRF secret takes over from the anonymous one.
    res.add_cookie(http::set_cookie(front::kCsrfCookie, "", {.max_age = 0, .secure = deps.config.session_cookie_secure}));
    return res;
  }, "login-submit");

  router.post("/accounts/logout/", [&deps](http::Request& req) {
    auto session_id = http::cookie(req, front::kSessionCookie);
    auto ctx = front::context(req, deps);
    if (session_id && !session_id->empty()) service::logout(ctx, std::nullopt, session_id);
    // The flash needs a session: see_other starts an anonymous one, whose cookie replaces the ended session's.
    return see_other(req, deps, "/accounts/login/", "info", i18n::tr(req.lang, "You have been logged out."));
  }, "logout");

  // Language switch (WEB.md §2): the user's setting when signed in, and the `lang` cookie for the browser.
  router.post("/i18n/setlang/", [&deps](http::Request& req) {
    auto fields = form(req);
    std::string code = lang_code(i18n::parse(fields.get("language").value_or(""), req.lang));
    if (front::actor(req)) {
      auto ctx = front::context(req, deps);
      service::ProfileChange change;
      change.language = code;
      service::update_own_profile(ctx, change);
    }
    auto res = http::Response::redirect(back_path(req, fields), 303);
    res.add_cookie(http::set_cookie("lang", code, {.max_age = 365LL * 24 * 3600, .secure = deps.config.session_cookie_secure}));
    return res;
  }, "setlang");

  // The superuser's organisation selector (WEB.md §2): the pages are scoped to the chosen organisation (empty =
  // all), kept in the web session. Others are refused (403).
  page_route(router, "POST", "/accounts/organization/", [&deps](http::Request& req) {
    auto fields = form(req);
    std::optional<std::int64_t> chosen;
    auto value = fields.get("organization").value_or("");
    if (!value.empty()) {
      if (value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos) throw Error::not_found();
      chosen = std::stoll(value);
    }
    auto ctx = front::context(req, deps);
    service::choose_organization(ctx, front::principal(req)->session_id, chosen);
    return http::Response::redirect(back_path(req, fields), 303);
  }, "choose-organization");

  page_route(router, "GET", "/accounts/profile/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    Page page;
    page.title = i18n::tr(req.lang, "My profile");
    page.content = "accounts/profile";
    page.data = {{"profile", profile_json(service::get_profile(ctx, ctx.actor->user_id), req.lang)}};
    return respond(req, deps, std::move(page));
  }, "profile");

  page_route(router, "POST", "/accounts/profile/", [&deps](http::Request& req) {
    auto fields = form(req);
    auto ctx = front::context(req, deps);
    service::ProfileChange change{fields.get("name"), fields.get("email"), fields.get("language")};
    try {
      service::update_own_profile(ctx, change);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::validation) throw;
      json profile = {{"username", ctx.actor->username}, {"name", change.name.value_or("")},
                      {"email", change.email.value_or("")}, {"language_ko", change.language != "en"},
                      {"language_en", change.language == "en"}};
      Page page;
      page.title = i18n::tr(req.lang, "My profile");
      page.content = "accounts/profile";
      page.data = {{"profile", profile}, {"errors", field_errors(e, req.lang)}};
      page.status = 422;
      return respond(req, deps, std::move(page));
    }
    Lang lang = i18n::parse(change.language.value_or(lang_code(req.lang)), req.lang);
    auto res = see_other(req, deps, "/accounts/profile/", "success", i18n::tr(lang, "Your profile has been saved."));
    res.add_cookie(http::set_cookie("lang", lang_code(lang), {.max_age = 365LL * 24 * 3600, .secure = deps.config.session_cookie_secure}));
    return res;
  }, "profile-submit");

  page_route(router, "GET", "/accounts/password/", [&deps](http::Request& req) {
    return password_page(req, deps, 200, json::object());
  }, "password");

  page_route(router, "POST", "/accounts/password/", [&deps](http::Request& req) {
    auto fields = form(req);
    auto ctx = front::context(req, deps);
    service::PasswordChange change{fields.get("old_password").value_or(""), fields.get("new_password").value_or(""),
                                   fields.get("confirm_password").value_or(""),
                                   http::cookie(req, front::kSessionCookie).value_or("")};
    try {
      service::change_password(ctx, change);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::validation) throw;
      return password_page(req, deps, 422, field_errors(e, req.lang));
    }
    return see_other(req, deps, "/", "success", i18n::tr(req.lang, "Your password has been changed."));
  }, "password-submit");
}

}  // namespace the5hc::web
