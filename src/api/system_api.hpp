#pragma once
// GET /api/v1/ (discovery), /api/v1/schema/ (OpenAPI) and /api/v1/docs/ (Swagger UI) — API.md §1.8.
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::api {

// Discovery lists the collections found on `router` when it is asked, so registration order does not matter.
void register_system_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
