#pragma once
// /api/v1/notifications/, /audit-log/ and the read-only /users/ collection (API.md §3.8, §3.12, §3.13).
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::api {

void register_notification_routes(http::Router& router, const service::Dependencies& deps);
void register_audit_log_routes(http::Router& router, const service::Dependencies& deps);
void register_user_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
