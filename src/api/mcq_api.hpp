#pragma once
// /api/v1/mcq/ (the questionnaire bank, API.md §3.3) and /api/v1/assessments/{id}/mcq/ (answers, §3.2).
#include "service/context.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_mcq_routes(http::Router& router, const service::Dependencies& deps);
// Superuser edits of the bank (mcq_admin_api.cpp).
void register_mcq_admin_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
