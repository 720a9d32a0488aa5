#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /clients/… pages and the client export (WEB.md §4.3, §6).
void register_client_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
