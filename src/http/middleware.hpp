#pragma once
// The standard middleware of The5HC. Order matters; standard_chain() (http/stack.hpp) assembles them as:
//   forwarded → request_id → access_log → http_metrics → security_headers → cors → language → error_handler →
//   allowed_hosts → ssl_redirect → maintenance → body_limit → text_input (http/text_input.hpp) →
//   [application middleware: CSRF, auth, throttling] → router
// Everything that can throw sits inside error_handler, so every response — errors included — gets the request id,
// the security headers, an access-log line and metrics.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "http/error_mapping.hpp"  // error_handler, part of the standard chain
#include "http/handler.hpp"

namespace the5hc::metrics {
class Registry;
}

namespace the5hc::http {

// --- request identity ------------------------------------------------------------------------------------------
bool valid_request_id(std::string_view id);  // [A-Za-z0-9._-]{1,64}
std::string new_request_id();                // 32 lower-case hex digits from the kernel CSPRNG
// Keeps a valid incoming X-Request-ID, else makes one; binds it to log lines of this thread and echoes it.
Middleware request_id();

// Client address, scheme and host from X-Forwarded-* when the socket peer is one of `trusted_proxies` (IPs or
// CIDRs, OPERATIONS.md §4): client_ip = right-most X-Forwarded-For entry that is not a trusted proxy.
Middleware forwarded(std::vector<std::string> trusted_proxies);
bool ip_in_list(std::string_view ip, const std::vector<std::string>& cidrs);

// --- observability ---------------------------------------------------------------------------------------------
// "/p?token=abc&page=2" → "/p?token=***&page=2" for token, code, password and refresh (access log only).
std::string redact_target(std::string_view path, std::string_view raw_query);
// One JSON line per request on the "access" logger (OPERATIONS.md §5.3).
Middleware access_log();
// the5hc_http_requests_total, the5hc_http_request_duration_seconds, the5hc_http_requests_in_flight.
Middleware http_metrics(metrics::Registry& registry);

// --- security and limits ---------------------------------------------------------------------------------------
struct SecurityHeaderOptions {
  int hsts_seconds = 0;  // SECURE_HSTS_SECONDS
  bool debug = false;    // DEBUG: never HSTS
};
Middleware security_headers(SecurityHeaderOptions options);
// /healthz, /readyz and /metrics: answered for machines (probes, scrapers), so exempt from the SSL redirect,
// maintenance mode and CSRF.
bool operational_path(std::string_view path);
// Host (or trusted X-Forwarded-Host) must match ALLOWED_HOSTS ("*", exact names, ".example.com" for the domain and
// its subdomains; port ignored), else 400 and a security log line. /healthz and /readyz are exempt (probes by IP).
Middleware allowed_hosts(std::vector<std::string> hosts);
bool host_allowed(std::string_view host_header, const std::vector<std::string>& hosts);
// SECURE_SSL_REDIRECT: plain requests → 301 to https://host/target (health, readiness and metrics exempt).
Middleware ssl_redirect();
// CORS for /api/ (OPERATIONS.md §4): only origins listed exactly get Access-Control-* headers; preflights are
// answered 204 here. Must sit outside error_handler so error responses carry the headers too.
Middleware cors(std::vector<std::string> allowed_origins);
// Request::body_too_large (set by the server for bodies over 1 MiB) → 413.
Middleware body_limit();
// 503 + Retry-After: 300 except /healthz, /readyz, /metrics and /static/; `enabled` is read per request.
Middleware maintenance(std::function<bool()> enabled);
// req.lang from Accept-Language (API.md §1.2). Later layers may override (user setting, lang cookie).
Middleware language();

}  // namespace the5hc::http
