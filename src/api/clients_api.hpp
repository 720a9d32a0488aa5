#pragma once
// /api/v1/clients/ (API.md §3.1).
#include "service/context.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_client_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
