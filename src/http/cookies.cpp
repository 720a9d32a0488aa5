#include "http/cookies.hpp"

namespace the5hc::http {
std::optional<std::string> cookie(const Request& req, std::string_view name) {
  for (const auto& header : req.headers.get_all("Cookie")) {
    std::string_view rest = header;
    while (!rest.empty()) {
      auto end = rest.find(';');
      std::string_view pair = trim_ows(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos || trim_ows(pair.substr(0, eq)) != name) continue;
      std::string_view value = trim_ows(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string out;
  out.append(name).append("=").append(value).append("; Path=/");
  if (options.max_age) out += "; Max-Age=" + std::to_string(*options.max_age);
  if (options.http_only) out += "; HttpOnly";
  if (!options.same_site.empty()) out += "; SameSite=" + options.same_site;
  if (options.secure) out += "; Secure";
  return out;
}

}  // namespace the5hc::http
