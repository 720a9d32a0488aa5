#pragma once
// The page frame and the HTMX conventions of WEB.md §2–§3, in one place for every page:
//   - respond(): no HX-Request → the full page (layout + content); HX-Target "main-content" → the content with
//     an HX-Trigger setTitle; another HX-Target the page declares → that fragment only; anything else (history
//     restore, unknown targets) → the full page.
//   - flash messages travel to the next page in the web session (service::put_flash with the redirect; taken once
//     by the next full or main-content render, so they survive the redirect and show once, in this browser only);
//     toasts travel in HX-Trigger showMessage (ASCII-escaped).
//   - after a successful POST: HTMX → 200 + HX-Redirect, plain → 303 (see_other()).
//   - login_required(): anonymous → 302 to /accounts/login/?next=… (HTMX: 200 + HX-Redirect).
//   - middleware(): the language (user setting → `lang` cookie → Accept-Language), must_change_password, and the
//     cache headers of HTML; error_page(): the 403/404/500 pages inside the frame (installed by the application).
#include <map>
#include <string>

#include "common/error.hpp"
#include "http/handler.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "service/context.hpp"
#include "web/view.hpp"

namespace the5hc::web {

struct Page {
  std::string title;    // translated; empty → "The5HC - 피트니스 평가 시스템"
  std::string content;  // template of the page body ("clients/list")
  json data = json::object();
  std::map<std::string, std::string> fragments;  // HX-Target id → its template ("client-list" → "clients/_table")
  int status = 200;
};

http::Response respond(const http::Request& req, const service::Dependencies& deps, Page page);

// Only a fragment (inline validation, badge): the template rendered alone, whatever the request.
http::Response fragment(const http::Request& req, const std::string& name, const json& data, int status = 200);

// After a successful form POST: go to `url`, showing `message` (translated) there as a flash of `level`
// (success, error, warning, info); an empty message shows none. The flash goes to the request's web session, or
// `session_for_flash` (the cookie id of a session just started, at login); without one an anonymous session is
// started for it (after logout).
http::Response see_other(const http::Request& req, const service::Dependencies& deps, const std::string& url,
                         const std::string& level, const std::string& message,
                         const std::optional<std::string>& session_for_flash = std::nullopt);

// HX-Trigger value with non-ASCII escaped as \uXXXX (header values stay ASCII).
std::string hx_trigger(const json& events);

// The login page with `next` = this page, for anonymous requests; nullopt when someone is signed in.
std::optional<http::Response> login_required(const http::Request& req);

// Registers a page for signed-in users only.
void page_route(http::Router& router, const std::string& method, const std::string& path, http::Handler handler,
                std::string name);

// A validation error as the form templates show it: {"name": "이름을 입력해주세요.", ...}, translated; messages
// without a field under "form".
json field_errors(const Error& e, Lang lang);

// The parsed form body (application/x-www-form-urlencoded).
http::QueryParams form(const http::Request& req);

http::Middleware middleware(const service::Dependencies& deps);
http::HtmlErrorPage error_page(const service::Dependencies& deps);

}  // namespace the5hc::web
