#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// GET /audit/ (WEB.md §4.7).
void register_audit_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
