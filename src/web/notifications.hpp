#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// The badge, the notification page and its actions (WEB.md §4.7).
void register_notification_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
