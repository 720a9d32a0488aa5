#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /sessions/packages/… pages and the fee preview fragment (WEB.md §4.5).
void register_package_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
