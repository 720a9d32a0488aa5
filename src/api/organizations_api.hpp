#pragma once
// /api/v1/organizations/, /trainers/, /invitations/ (API.md §3.9–§3.11).
#include "app/application.hpp"

namespace the5hc::api {

void register_organization_routes(http::Router& router, const app::Dependencies& deps);
void register_trainer_routes(http::Router& router, const app::Dependencies& deps);
void register_invitation_routes(http::Router& router, const app::Dependencies& deps);

}  // namespace the5hc::api
