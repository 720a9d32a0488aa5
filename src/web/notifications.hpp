#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// GET /trainers/notifications/badge/ (the list and its actions come with the studio-operations pages).
void register_notification_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
