#pragma once
// /api/v1/clients/{id}/share-links/ (issue 15): thin handlers over service/share_links.
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::api {

void register_share_link_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
