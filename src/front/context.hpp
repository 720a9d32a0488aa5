#pragma once
// What every handler (JSON and HTML) uses: the service context of the request and the actor set by authentication.
#include "http/handler.hpp"
#include "http/message.hpp"
#include "service/context.hpp"

namespace the5hc::front {

// Context for the use case: database, configuration, clock, the authenticated actor (if any), the caller's
// address and request id for the audit log, and the language for messages.
service::Context context(const http::Request& req, const service::Dependencies& deps);

// The same for endpoints that exist only for a signed-in user: an anonymous request is 401 not_authenticated before
// its parameters or body are judged (as DRF's IsAuthenticated runs before the view). Reads nothing.
service::Context signed_in_context(const http::Request& req, const service::Dependencies& deps);

// The absolute base of links that leave the browser (invitation e-mails, copied links): SITE_URL when configured,
// else the scheme and host this request used. No trailing slash.
std::string site_url(const http::Request& req, const service::Dependencies& deps);

// First in the application's middleware: the request's reads share one read transaction — authentication and the
// use case read one snapshot on one pooled connection (store::Database::RequestScope).
http::Middleware shared_read(const service::Dependencies& deps);
// The {name:int} path parameter; a value too large for an id is an object that does not exist (404).
std::int64_t path_id(const http::Request& req, const std::string& name = "id");

}  // namespace the5hc::front
