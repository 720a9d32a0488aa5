#pragma once
// Reading request cookies and writing Set-Cookie values (RFC 6265).
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace the5hc::http {

// The value of cookie `name` from the request's Cookie header(s); the first one when a name repeats.
std::optional<std::string> cookie(const Request& req, std::string_view name);

struct CookieOptions {
  std::optional<long long> max_age{};  // seconds; nullopt = a browser-session cookie; 0 deletes
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};
// "name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Lax[; Secure]". Values are ours (base64url), never user data.
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace the5hc::http
