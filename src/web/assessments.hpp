#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /assessments/… pages: list, form with live preview, detail, compare, delete, questionnaire (WEB.md §4.4).
void register_assessment_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
