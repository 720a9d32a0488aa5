#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// GET/POST /invitations/accept/{code}/ (public).
void register_invitation_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
