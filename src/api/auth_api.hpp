#pragma once
// /api/v1/auth/… and /api/v1/users/me/ (API.md §2, §3.8).
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::api {

void register_auth_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
