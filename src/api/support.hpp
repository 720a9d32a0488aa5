#pragma once
// What every JSON handler uses: the service context of the request and the actor set by authentication.
#include "app/application.hpp"
#include "http/message.hpp"
#include "service/context.hpp"

namespace the5hc::api {

// Context for the use case: database, configuration, clock, the authenticated actor (if any), the caller's
// address and request id for the audit log, and the language for messages.
service::Context context(const http::Request& req, const app::Dependencies& deps);

}  // namespace the5hc::api
