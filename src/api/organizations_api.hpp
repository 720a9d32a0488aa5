#pragma once
// /api/v1/organizations/, /trainers/, /invitations/ (API.md §3.9–§3.11).
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::api {

void register_organization_routes(http::Router& router, const service::Dependencies& deps);
void register_trainer_routes(http::Router& router, const service::Dependencies& deps);
void register_invitation_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
