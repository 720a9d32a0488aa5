#include "api/support.hpp"

#include "store/database.hpp"

namespace the5hc::api {

service::Context context(const http::Request& req, const app::Dependencies& deps) {
  service::Context ctx{deps.db, deps.config, deps.clock, std::nullopt,
                       {req.client_ip, req.header("User-Agent"), req.request_id}, req.lang};
  if (const auto* actor = req.context<service::Actor>()) ctx.actor = *actor;
  return ctx;
}

}  // namespace the5hc::api
