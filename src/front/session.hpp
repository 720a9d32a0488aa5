#pragma once
// The web-session layer of the middleware stack (OPERATIONS.md §4, API.md §1.3): the `sessionid` cookie
// authenticates web pages and API requests without a bearer token, and every unsafe request that a browser could
// forge — any web POST/PUT/PATCH/DELETE, and API ones authenticated by the cookie — must prove it came from our
// own pages: a CSRF token (form field `csrfmiddlewaretoken` or header `X-CSRFToken`) for the session's secret (or,
// without a session, the anonymous `csrftoken` cookie's), and an Origin/Referer of our own origin or
// CSRF_TRUSTED_ORIGINS. Bearer API requests are left to bearer_authentication (front/authentication.hpp) and are exempt from CSRF.
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "http/handler.hpp"

namespace the5hc::front {

inline constexpr const char* kSessionCookie = "sessionid";
inline constexpr const char* kCsrfCookie = "csrftoken";
inline constexpr const char* kCsrfField = "csrfmiddlewaretoken";

http::Middleware sessions(const service::Dependencies& deps);

// Set-Cookie values for the session cookie (Max-Age from the session's lifetime) and for deleting it.
std::string session_cookie(const Config& config, const std::string& session_id, bool remember_me);
std::string expired_session_cookie(const Config& config);
// The anonymous CSRF secret of the request (csrftoken cookie), if it carries a well-formed one.
std::optional<std::string> anonymous_csrf_secret(const http::Request& req);
std::string csrf_cookie(const Config& config, const std::string& secret);

// True when `origin` ("https://host:port") is the request's own origin or listed in CSRF_TRUSTED_ORIGINS.
bool trusted_origin(const http::Request& req, const std::vector<std::string>& trusted, const std::string& origin);

}  // namespace the5hc::front
