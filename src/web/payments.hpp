#pragma once
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc::web {

// /sessions/payments/… pages: list with filters and totals, add with the fee preview, CSV/XLSX export (WEB.md §4.5, §6).
void register_payment_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
