#include "front/session.hpp"

#include "front/authentication.hpp"
#include "front/context.hpp"
#include "auth/csrf.hpp"
#include "auth/tokens.hpp"
#include "common/error.hpp"
#include "common/log.hpp"
#include "config/config.hpp"
#include "http/cookies.hpp"
#include "http/middleware.hpp"
#include "service/web_sessions.hpp"

namespace the5hc::front {
namespace {

constexpr long long kCsrfCookieSeconds = 365LL * 24 * 3600;

bool unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS" && method != "TRACE";
}

// "https://example.com:8443/path?x" → "https://example.com:8443"; "" when it is not an absolute http(s) URL.
std::string origin_of_url(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "";
  auto scheme = url.substr(0, scheme_end);
  if (!http::iequals(scheme, "http") && !http::iequals(scheme, "https")) return "";
  auto host_end = url.find_first_of("/?#", scheme_end + 3);
  auto host = url.substr(scheme_end + 3, host_end == std::string::npos ? std::string::npos : host_end - scheme_end - 3);
  if (host.empty()) return "";
  return scheme + "://" + host;
}

[[noreturn]] void reject(const http::Request& req, const char* reason) {
  log::warning("security", "CSRF verification failed",
               {{"reason", reason}, {"path", req.path}, {"ip", req.client_ip}});
  throw Error(ErrorCode::csrf_failed, req.is_api() ? "CSRF verification failed."  // CSRF 검증에 실패했습니다.
                                                   : "CSRF verification failed. Refresh the page and try again.");
}

void check_csrf(const http::Request& req, const Config& config, const std::optional<std::string>& secret) {
  std::string origin = req.header("Origin");
  if (!origin.empty()) {
    if (!trusted_origin(req, config.csrf_trusted_origins, origin)) reject(req, "origin not trusted");
  } else if (req.secure) {
    // Without Origin, only HTTPS requests can rely on Referer (proxies may strip it from plain HTTP).
    std::string referer = origin_of_url(req.header("Referer"));
    if (referer.empty()) reject(req, "no referer");
    if (!trusted_origin(req, config.csrf_trusted_origins, referer)) reject(req, "referer not trusted");
  }
  if (!secret) reject(req, "no csrf secret");
  std::string token = req.header("X-CSRFToken");
  if (token.empty() && !req.is_api() && req.media_type() == "application/x-www-form-urlencoded")
    token = http::QueryParams::parse(req.body).get(kCsrfField).value_or("");
  if (token.empty()) reject(req, "token missing");
  if (!auth::csrf::check(token, *secret, config.secret_key)) reject(req, "token incorrect");
}

bool sets_session_cookie(const http::Response& res) {
  for (const auto& value : res.headers.get_all("Set-Cookie"))
    if (value.starts_with(std::string(kSessionCookie) + "=")) return true;
  return false;
}

}  // namespace

bool trusted_origin(const http::Request& req, const std::vector<std::string>& trusted, const std::string& origin) {
  if (http::iequals(origin, std::string(req.secure ? "https://" : "http://") + req.host)) return true;
  for (const auto& entry : trusted)
    if (http::iequals(origin, entry)) return true;
  return false;
}

std::string session_cookie(const Config& config, const std::string& session_id, bool remember_me) {
  return http::set_cookie(kSessionCookie, session_id,
                          {.max_age = service::session_lifetime(remember_me).count(),
                           .secure = config.session_cookie_secure});
}

std::string expired_session_cookie(const Config& config) {
  return http::set_cookie(kSessionCookie, "", {.max_age = 0, .secure = config.session_cookie_secure});
}

std::optional<std::string> anonymous_csrf_secret(const http::Request& req) {
  auto value = http::cookie(req, kCsrfCookie);
  if (!value) return std::nullopt;
  auto bytes = auth::base64url_decode(*value);
  if (!bytes || bytes->size() != 32) return std::nullopt;
  return value;
}

std::string csrf_cookie(const Config& config, const std::string& secret) {
  return http::set_cookie(kCsrfCookie, secret, {.max_age = kCsrfCookieSeconds, .secure = config.session_cookie_secure});
}

http::Middleware sessions(const service::Dependencies& deps) {
  return [&deps](http::Request& req, const http::Handler& next) {
    // A bearer token decides alone, even next to a cookie (API.md §1.3); it cannot be forged cross-site.
    if (req.is_api() && req.headers.has("Authorization")) return next(req);
    auto session_id = http::cookie(req, kSessionCookie);
    std::optional<service::ActiveWebSession> session;
    if (session_id && !session_id->empty()) {
      auto ctx = context(req, deps);
      session = service::resume_web_session(ctx, *session_id);
    }
    // An anonymous session (a flash after logging out) is no credential: the anonymous CSRF cookie applies.
    const bool signed_in = session && session->actor;
    // Anonymous API calls carry no ambient credential a forger could ride on, so they need no token.
    if (unsafe(req.method) && (signed_in || !req.is_api()) && !http::operational_path(req.path))
      check_csrf(req, deps.config, signed_in ? std::optional(session->csrf_secret) : anonymous_csrf_secret(req));
    if (session)
      front::authenticate(req, Principal{session->actor, signed_in ? session->csrf_secret : "", *session_id,
                                         std::move(session->flash), std::move(session->organization_choices)});
    auto res = next(req);
    if (sets_session_cookie(res)) return res;  // login or logout decided
    if (session && session->extended) res.add_cookie(session_cookie(deps.config, *session_id, session->remember_me));
    else if (session_id && !session) res.add_cookie(expired_session_cookie(deps.config));
    return res;
  };
}

}  // namespace the5hc::front
