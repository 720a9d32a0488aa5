#pragma once
// /api/v1/assessments/ (API.md §3.2): CRUD, preview, comparison.
#include "service/context.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_assessment_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
