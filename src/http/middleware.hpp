#pragma once
// The standard middleware of The5HC. Order matters; standard_chain() (http/stack.hpp) assembles them as:
//   forwarded → request_id → access_log → http_metrics → security_headers → language → error_handler →
//   maintenance → body_limit → [application middleware: host check, CORS, CSRF, auth, throttling] → router
// Everything that can throw sits inside error_handler, so every response — errors included — gets the request id,
// the security headers, an access-log line and metrics.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
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
// Request::body_too_large (set by the server for bodies over 1 MiB) → 413.
Middleware body_limit();
// 503 + Retry-After: 300 except /healthz, /readyz, /metrics and /static/; `enabled` is read per request.
Middleware maintenance(std::function<bool()> enabled);
// req.lang from Accept-Language (API.md §1.2). Later layers may override (user setting, lang cookie).
Middleware language();

// --- errors ----------------------------------------------------------------------------------------------------
// Renders an HTML error page for paths outside /api/ (the web layer supplies its templated pages).
// `message` is already translated; `detail` is the exception text, non-empty only in DEBUG.
using HtmlErrorPage = std::function<Response(const Request&, int status, const std::string& message,
                                             const std::string& detail)>;
Response default_html_error_page(const Request& req, int status, const std::string& message,
                                 const std::string& detail);

struct ErrorHandlerOptions {
  bool debug = false;
  HtmlErrorPage html_page = default_html_error_page;
};
// Maps the5hc::Error to API.md §1.6 (JSON under /api/, HTML page elsewhere) and any other exception to a 500
// that never shows internals (logged with the request id instead).
Middleware error_handler(ErrorHandlerOptions options = {});
// The response error_handler produces for `e` (for layers that catch errors themselves, e.g. HTMX toasts).
Response error_response(const Request& req, const Error& e, const ErrorHandlerOptions& options = {});
Response internal_error_response(const Request& req, const std::string& detail, const ErrorHandlerOptions& options = {});

std::string html_escape(std::string_view s);

}  // namespace the5hc::http
