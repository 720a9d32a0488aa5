#include "front/authentication.hpp"

#include <soci/soci.h>

#include "auth/jwt.hpp"
#include "common/clock.hpp"
#include "config/config.hpp"
#include "service/tokens.hpp"
#include "store/database.hpp"

namespace the5hc::front {

http::Middleware bearer_authentication(const service::Dependencies& deps) {
  return [&deps](http::Request& req, const http::Handler& next) {
    std::string header = req.header("Authorization");
    if (header.empty() || !req.is_api()) return next(req);
    if (header.size() < 7 || header.compare(0, 7, "Bearer ") != 0) throw service::token_not_valid();
    auto decoded = auth::decode(std::string_view(header).substr(7), deps.config.secret_key, deps.clock.now(),
                                auth::TokenType::access);
    if (!decoded.ok()) throw service::token_not_valid();
    auto actor = deps.db.read([&](soci::session& sql) { return service::token_actor(sql, *decoded.claims); });
    if (!actor) throw service::token_not_valid();
    authenticate(req, *actor);
    return next(req);
  };
}

void authenticate(http::Request& req, const service::Actor& actor, std::string csrf_secret) {
  authenticate(req, Principal{actor, std::move(csrf_secret), "", std::nullopt, {}});
}

void authenticate(http::Request& req, Principal principal) {
  if (principal.actor) {
    req.user_id = principal.actor->user_id;
    if (!req.headers.has("Accept-Language")) req.lang = i18n::parse(principal.actor->language);
  }
  req.set_context<Principal>(std::make_shared<const Principal>(std::move(principal)));
}

const Principal* principal(const http::Request& req) { return req.context<Principal>(); }

const service::Actor* actor(const http::Request& req) {
  const auto* p = principal(req);
  return p && p->actor ? &*p->actor : nullptr;
}

}  // namespace the5hc::front
