#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// GET / (WEB.md §4.2).
void register_dashboard_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
