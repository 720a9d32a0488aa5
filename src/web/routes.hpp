#pragma once
// Every route of the web UI (WEB.md §9) and what the application installs around them.
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

void register_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
