#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /reports/… (WEB.md §4.6) and the assessment's PDF /assessments/{id}/report.pdf (issue 15).
void register_report_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
