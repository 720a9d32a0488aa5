#pragma once
// The standard middleware stack in its required order (see http/middleware.hpp), configured from Config; the
// application adds what needs the database (sessions/JWT, CSRF, throttling) innermost:
//   auto app = http::standard_chain(http::StackOptions::from_config(cfg), {auth, csrf, throttle},
//                                   router.handler());
//   server.start(app);
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/middleware.hpp"

namespace the5hc {
struct Config;
}

namespace the5hc::http {

struct StackOptions {
  bool debug = false;
  int hsts_seconds = 0;
  std::vector<std::string> trusted_proxies;
  std::optional<std::vector<std::string>> allowed_hosts;  // nullopt = no Host check (tests)
  std::vector<std::string> cors_allowed_origins;
  bool ssl_redirect = false;
  std::function<bool()> maintenance;      // empty = never
  metrics::Registry* registry = nullptr;  // default: the global registry
  HtmlErrorPage html_error_page = default_html_error_page;

  static StackOptions from_config(const Config& config);
};

Handler standard_chain(const StackOptions& options, std::vector<Middleware> application, Handler inner);

}  // namespace the5hc::http
