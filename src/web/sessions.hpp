#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /sessions/… pages: the session list with its row actions, booking, the bookable packages fragment and the
// calendar with its events feed (WEB.md §4.5).
void register_session_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
