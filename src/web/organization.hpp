#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /trainers/organization/edit/ and /trainers/organization/dashboard/ (WEB.md §4.7).
void register_organization_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
