#pragma once
// PDF reports (API.md §3.2 report.pdf and reports/, §3.7 /api/v1/reports/): thin handlers over service/reports.
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::api {

void register_report_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
