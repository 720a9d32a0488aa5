#include "api/authentication.hpp"

#include <soci/soci.h>

#include "auth/jwt.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "service/identity.hpp"
#include "store/database.hpp"
#include "store/users.hpp"

namespace the5hc::api {
namespace {

Error token_not_valid() {
  return Error(ErrorCode::token_not_valid, "Token is invalid or expired.");  // 토큰이 유효하지 않거나 만료되었습니다.
}

}  // namespace

http::Middleware bearer_authentication(const app::Dependencies& deps) {
  return [&deps](http::Request& req, const http::Handler& next) {
    std::string header = req.header("Authorization");
    if (header.empty() || !req.is_api()) return next(req);
    if (header.size() < 7 || header.compare(0, 7, "Bearer ") != 0) throw token_not_valid();
    auto decoded = auth::decode(std::string_view(header).substr(7), deps.config.secret_key, deps.clock.now(),
                                auth::TokenType::access);
    if (!decoded.ok()) throw token_not_valid();
    auto actor = deps.db.read([&](soci::session& sql) -> std::optional<service::Actor> {
      auto user = store::find_user(sql, decoded.claims->user_id);
      if (!user || !user->is_active) return std::nullopt;
      // Tokens issued before the last password change are void (API.md §2); both are whole seconds.
      if (user->password_changed_at) {
        auto changed = parse_timestamp(*user->password_changed_at);
        if (changed && decoded.claims->iat < std::chrono::duration_cast<std::chrono::seconds>(
                                                  changed->time_since_epoch()).count())
          return std::nullopt;
      }
      return service::load_actor(sql, user->id);
    });
    if (!actor) throw token_not_valid();
    req.user_id = actor->user_id;
    if (!req.headers.has("Accept-Language")) req.lang = i18n::parse(actor->language);
    req.set_context<service::Actor>(std::make_shared<const service::Actor>(*actor));
    return next(req);
  };
}

}  // namespace the5hc::api
