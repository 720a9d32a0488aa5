#pragma once
// API throttles (API.md §1.7): anonymous requests THROTTLE_ANON per client IP, authenticated ones THROTTLE_USER
// per user; refused → 429 throttled with Retry-After. Must run after authentication so it knows who is asking;
// /api/v1/schema/ and /api/v1/docs/ count as anonymous even for a signed-in caller. Pages outside /api/ are not
// throttled here (logins have their own per-IP limit).
#include "service/context.hpp"
#include "http/handler.hpp"

namespace the5hc::api {

http::Middleware throttling(const service::Dependencies& deps);

}  // namespace the5hc::api
