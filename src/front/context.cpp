#include "front/context.hpp"

#include "common/error.hpp"
#include "config/config.hpp"
#include "front/authentication.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"

namespace the5hc::front {

std::string site_url(const http::Request& req, const service::Dependencies& deps) {
  std::string base = deps.config.site_url;
  if (base.empty()) base = std::string(req.secure ? "https://" : "http://") + req.host;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

service::Context context(const http::Request& req, const service::Dependencies& deps) {
  service::Context ctx{deps.db, deps.config, deps.clock, std::nullopt,
                       {req.client_ip, req.header("User-Agent"), req.request_id}, req.lang};
  if (const auto* a = actor(req)) ctx.actor = *a;
  return ctx;
}

service::Context signed_in_context(const http::Request& req, const service::Dependencies& deps) {
  auto ctx = context(req, deps);
  service::require_actor(ctx);
  return ctx;
}

http::Middleware shared_read(const service::Dependencies& deps) {
  return [&deps](http::Request& req, const http::Handler& next) {
    store::Database::RequestScope scope(deps.db);
    return next(req);
  };
}

std::int64_t path_id(const http::Request& req, const std::string& name) {
  auto it = req.path_params.find(name);
  if (it == req.path_params.end() || it->second.empty() || it->second.size() > 18) throw Error::not_found();
  return std::stoll(it->second);
}

}  // namespace the5hc::front
