#pragma once
// GET /api/v1/users/dashboard_stats/ (API.md §3.8).
#include "service/context.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_dashboard_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
