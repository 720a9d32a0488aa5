#pragma once
// /api/v1/packages/, /sessions/, /payments/ (API.md §3.4–§3.6): thin handlers over service/packages, sessions,
// payments.
#include "service/context.hpp"
#include "http/router.hpp"

namespace the5hc::api {

void register_package_routes(http::Router& router, const service::Dependencies& deps);
void register_session_routes(http::Router& router, const service::Dependencies& deps);
void register_payment_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
