#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /trainers/ list, detail, profile forms and the membership actions (WEB.md §4.7).
void register_trainer_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
