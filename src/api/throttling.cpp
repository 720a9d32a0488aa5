#include "api/throttling.hpp"

#include "auth/rate_limiter.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "config/config.hpp"
#include "front/authentication.hpp"
#include "service/context.hpp"

namespace the5hc::api {

http::Middleware throttling(const service::Dependencies& deps) {
  auto& throttled = metrics::Registry::global().counter("the5hc_throttled_requests_total",
                                                        "API requests refused by a throttle.", {"scope"});
  return [&deps, &throttled](http::Request& req, const http::Handler& next) {
    if (!req.is_api()) return next(req);
    const auto* actor = front::actor(req);
    bool documentation = req.path == "/api/v1/schema/" || req.path == "/api/v1/docs/";
    bool anonymous = !actor || documentation;
    std::string key = anonymous ? "anon:" + req.client_ip : "user:" + std::to_string(actor->user_id);
    auto decision = deps.limiter.hit(key, anonymous ? deps.config.throttle_anon : deps.config.throttle_user,
                                     deps.clock.now());
    if (decision.allowed) return next(req);
    const char* scope = anonymous ? "anon" : "user";
    throttled.with({scope}).inc();
    log::warning("security", "request throttled", {{"scope", scope}, {"ip", req.client_ip}});
    // 요청이 너무 많습니다. {n}초 후에 다시 시도하세요.
    Error e(ErrorCode::throttled, "Request was throttled. Expected available in {n} seconds.");
    e.headers["Retry-After"] = std::to_string(decision.retry_after);
    throw e;
  };
}

}  // namespace the5hc::api
