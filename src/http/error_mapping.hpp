#pragma once
// The one mapping of the5hc::Error to HTTP (API.md §1.6): status, translated message, JSON body and response
// headers. Used by the error_handler middleware and by handlers that catch errors themselves (the web login form,
// HTMX toasts), so that no layer re-implements it.
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "http/handler.hpp"

namespace the5hc::http {

struct ErrorReply {
  int status = 500;
  // A 5xx that must not show its message (internal errors): callers answer internal_error_response() instead.
  bool internal = false;
  // The error's message translated into the request language, `{name}` placeholders filled from Error::args
  // (a throttled error's `{n}` defaults to its Retry-After). database_state errors get the maintenance text.
  std::string message;
  // The API body as JSON text (nlohmann stays out of this widely included header): {"field": [msgs],
  // "non_field_errors": [...]} for validation errors (list items nested, API.md §3.2), else {"detail": message}
  // plus "code" for 401/403/429.
  std::string json_body;
  // Error::headers plus those the mapping adds: Retry-After for throttled and database_state errors,
  // WWW-Authenticate for a 401 under /api/.
  std::map<std::string, std::string> headers;
};

ErrorReply map_error(const Request& req, const Error& e);

// Renders an HTML error page for paths outside /api/ (the web layer supplies its templated pages). The default
// is a minimal page, or for HTMX requests (HX-Request) an HX-Trigger showMessage toast with HX-Reswap: none.
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
