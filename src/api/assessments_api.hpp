#pragma once
// /api/v1/assessments/ (API.md §3.2): CRUD, preview, comparison.
#include "app/application.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_assessment_routes(http::Router& router, const app::Dependencies& deps);

}  // namespace the5hc::api
