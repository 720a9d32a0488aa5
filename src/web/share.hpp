#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// The client's private share links (issue 15): the section of the client page that creates, lists and revokes
// them, and the public page /s/{token}/ with its PDF, which need no login.
void register_share_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
