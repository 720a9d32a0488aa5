#pragma once
// /api/v1/clients/ (API.md §3.1).
#include "app/application.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_client_routes(http::Router& router, const app::Dependencies& deps);

}  // namespace the5hc::api
