#include "web/page.hpp"

#include "auth/csrf.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "domain/permissions.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "front/session.hpp"
#include "http/cookies.hpp"
#include "http/static_files.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

constexpr const char* kLangCookie = "lang";

bool is_htmx(const http::Request& req) { return req.headers.has("HX-Request"); }

bool web_path(const http::Request& req) { return !req.is_api() && !req.path.starts_with("/static/"); }

// The navbar of WEB.md §2: who sees which menu. A platform superuser sees every menu and, without a membership, the
// organisation selector (전체 / each organisation).
json navigation(const service::Actor& actor, const std::vector<service::OrganizationChoice>& choices, Lang lang) {
  auto role = d::parse_role(actor.role);
  bool owner = role == d::Role::owner, senior = role == d::Role::senior, superuser = actor.is_superuser;
  json user = {{"name", actor.name}, {"username", actor.username}};
  // WEB.md §2: the organisation's name beside the role badge (read with the actor, no extra query)
  if (actor.organization && role) user["organization_name"] = actor.organization->name;
  if (role) {
    const auto& label = d::role_label(*role);
    user["role"] = lang == Lang::en ? label.en : label.ko;
    user["role_code"] = label.code;
  }
  if (actor.is_superuser && !role) {
    json options = json::array({{{"id", ""}, {"name", i18n::tr(lang, "All organisations")},
                                 {"selected", !actor.organization_id}}});
    for (const auto& c : choices)
      options.push_back({{"id", std::to_string(c.id)}, {"name", c.name}, {"selected", actor.organization_id == c.id}});
    user["organization_selector"] = {{"options", options}};
  }
  return {{"user", user},
          {"nav",
           {{"sessions", superuser || (role && role != d::Role::assistant)},
            {"organization", owner || senior || superuser},
            // the settings page edits the acting organisation: a superuser's needs one chosen
            {"organization_settings", owner || (superuser && actor.organization_id)},
            {"audit", owner || superuser}}}};
}

// The flash the browser's session holds, taken (once) by the page that shows it.
std::optional<service::Flash> take_flash(const http::Request& req, const service::Dependencies& deps) {
  const auto* principal = front::principal(req);
  if (!principal || !principal->flash) return std::nullopt;
  auto ctx = front::context(req, deps);
  return service::take_flash(ctx, principal->session_id);
}

// The frame's data: language, CSRF token, user and menus, asset URLs, the flash of the previous request.
json frame(const http::Request& req, const service::Dependencies& deps, const std::string& csrf_token,
           const std::string& title) {
  json f = {{"lang", lang_code(req.lang)},
            {"title", title.empty() ? i18n::tr(req.lang, "The5HC - Fitness assessment system") : title + " - The5HC"},
            {"csrf_token", csrf_token},
            {"request_id", req.request_id},
            {"en", req.lang == Lang::en},
            {"assets",
             {{"app_css", http::static_url("app.css")},
              {"app_js", http::static_url("app.js")},
              {"charts_js", http::static_url("charts.js")},
              {"studio_js", http::static_url("studio.js")},
              {"assessment_js", http::static_url("assessment_form.js")},
              {"admin_js", http::static_url("admin.js")},
              {"share_js", http::static_url("share.js")},
              {"htmx", http::static_url("vendor/htmx.min.js")},
              {"alpine", http::static_url("vendor/alpine-csp.min.js")},
              {"chart", http::static_url("vendor/chart.umd.min.js")}}}};
  if (const auto* actor = front::actor(req))
    f.update(navigation(*actor, front::principal(req)->organization_choices, req.lang));
  if (auto flash = take_flash(req, deps)) {
    static const std::map<std::string, std::string> labels = {
        {"success", "Success"}, {"error", "Error"}, {"warning", "Warning"}, {"info", "Notice"}};
    f["flash"] = {{"level", flash->level}, {"label", i18n::tr(req.lang, labels.at(flash->level))}, {"text", flash->text}};
  }
  return f;
}

// The masked token for the session's CSRF secret, or for the browser's anonymous one (created, with its cookie,
// when it has none yet).
std::string csrf_token(const http::Request& req, const service::Dependencies& deps, http::Response& res) {
  const auto* principal = front::principal(req);
  std::optional<std::string> secret;
  if (principal && !principal->csrf_secret.empty()) secret = principal->csrf_secret;
  if (!secret) secret = front::anonymous_csrf_secret(req);
  if (!secret) {
    secret = auth::csrf::new_secret();
    res.add_cookie(front::csrf_cookie(deps.config, *secret));
  }
  return auth::csrf::mask(*secret, deps.config.secret_key);
}

// The path to come back to after logging in: for HTMX the page the browser shows, not the fragment's URL.
std::string current_path(const http::Request& req) {
  std::string current = req.header("HX-Current-URL");
  if (!current.empty()) {
    auto scheme = current.find("://");
    auto path = scheme == std::string::npos ? std::string::npos : current.find('/', scheme + 3);
    if (path != std::string::npos) return current.substr(path);
  }
  return req.path + (req.raw_query.empty() ? "" : "?" + req.raw_query);
}

http::Response go(const http::Request& req, const std::string& url, int plain_status) {
  if (!is_htmx(req)) return http::Response::redirect(url, plain_status);
  auto res = http::Response::html(200, "");
  res.headers.set("HX-Redirect", url);
  return res;
}

}  // namespace

std::string hx_trigger(const json& events) {
  return events.dump(-1, ' ', true, json::error_handler_t::replace);
}

json field_errors(const Error& e, Lang lang) {
  json out = json::object();
  for (const auto& [field, messages] : e.fields())
    if (!messages.empty()) out[field.empty() || field == "non_field_errors" ? "form" : field] = i18n::translate(lang, messages.front());
  if (e.fields().empty()) out["form"] = i18n::translate(lang, e.message());
  return out;
}

http::QueryParams form(const http::Request& req) {
  return http::QueryParams::parse(req.media_type() == "application/x-www-form-urlencoded" ? req.body : "");
}

http::Response respond(const http::Request& req, const service::Dependencies& deps, Page page) {
  http::Response res;
  const std::string target = req.header("HX-Target");
  if (is_htmx(req) && !target.empty() && target != "main-content") {
    if (auto it = page.fragments.find(target); it != page.fragments.end()) {
      page.data["csrf_token"] = csrf_token(req, deps, res);
      res.status = page.status;
      res.content_type = http::Response::kHtml;
      res.body = render(it->second, page.data, req.lang);
      return res;
    }
  }
  json data = frame(req, deps, csrf_token(req, deps, res), page.title);
  data.update(page.data);
  std::string content = render(page.content, data, req.lang);
  res.status = page.status;
  res.content_type = http::Response::kHtml;
  // Any other HTMX request (history restore, a target the page does not know) gets the whole page.
  if (is_htmx(req) && target == "main-content") {
    res.body = std::move(content);
    if (data.contains("flash")) res.body = render("_flash", data, req.lang) + res.body;
    res.headers.set("HX-Trigger", hx_trigger({{"setTitle", data["title"]}}));
    if (req.method == "GET") res.headers.set("HX-Push-Url", req.target);
  } else {
    data["content"] = std::move(content);
    res.body = render("layout", data, req.lang);
  }
  return res;
}

http::Response fragment(const http::Request& req, const std::string& name, const json& data, int status) {
  return http::Response::html(status, render(name, data, req.lang));
}

http::Response see_other(const http::Request& req, const service::Dependencies& deps, const std::string& url,
                         const std::string& level, const std::string& message,
                         const std::optional<std::string>& session_for_flash) {
  auto res = go(req, url, 303);
  if (message.empty()) return res;
  auto ctx = front::context(req, deps);
  const auto* principal = front::principal(req);
  auto session_id = session_for_flash ? session_for_flash
                    : principal       ? std::optional(principal->session_id)
                                      : std::nullopt;
  if (auto anonymous = service::put_flash(ctx, session_id, {level, message}))
    res.add_cookie(front::session_cookie(deps.config, *anonymous, false));
  return res;
}

std::optional<http::Response> login_required(const http::Request& req) {
  if (front::actor(req)) return std::nullopt;
  return go(req, "/accounts/login/?next=" + http::url_encode(current_path(req)), 302);
}

void page_route(http::Router& router, const std::string& method, const std::string& path, http::Handler handler,
                std::string name) {
  router.add(method, path, [handler = std::move(handler)](http::Request& req) {
    if (auto redirect = login_required(req)) return *redirect;
    return handler(req);
  }, std::move(name));
}

http::Middleware middleware(const service::Dependencies& deps) {
  return [&deps](http::Request& req, const http::Handler& next) {
    if (!web_path(req)) return next(req);
    const auto* actor = front::actor(req);
    if (actor && !actor->language.empty()) req.lang = i18n::parse(actor->language);
    else if (auto lang = http::cookie(req, kLangCookie)) req.lang = i18n::parse(*lang, req.lang);
    // DOMAIN.md §7.3: a user who must change the password sees no other page until it is done.
    if (actor && actor->must_change_password && req.path != "/accounts/password/" &&
        req.path != "/accounts/logout/" && req.path != "/i18n/setlang/")
      return go(req, "/accounts/password/", 302);
    auto res = next(req);
    if (res.content_type.starts_with("text/html")) {
      res.headers.set("Cache-Control", "no-store");
      res.headers.set("Vary", "HX-Request, Accept-Language, Cookie");
    }
    return res;
  };
}

http::HtmlErrorPage error_page(const service::Dependencies& deps) {
  return [&deps](const http::Request& req, int status, const std::string& message, const std::string& detail) {
    if (is_htmx(req)) return http::default_html_error_page(req, status, message, detail);
    try {
      Page page;
      page.title = message;
      page.content = "error";
      page.status = status;
      page.data = {{"status", status}, {"message", message}, {"detail", detail.empty() ? json(nullptr) : json(detail)},
                   {"server_error", status >= 500}};
      auto res = respond(req, deps, std::move(page));
      res.headers.set("Cache-Control", "no-store");
      return res;
    } catch (const std::exception& e) {
      // The error page must not fail: a broken template falls back to the plain page.
      log::error("web", "error page failed", {{"error", e.what()}});
      return http::default_html_error_page(req, status, message, detail);
    }
  };
}

}  // namespace the5hc::web
