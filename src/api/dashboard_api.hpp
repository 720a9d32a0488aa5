#pragma once
// GET /api/v1/users/dashboard_stats/ (API.md §3.8).
#include "app/application.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_dashboard_routes(http::Router& router, const app::Dependencies& deps);

}  // namespace the5hc::api
