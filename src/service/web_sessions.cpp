#include "service/web_sessions.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "auth/csrf.hpp"
#include "auth/jwt.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/identity.hpp"
#include "service/tokens.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"
#include "store/refresh_tokens.hpp"
#include "store/web_sessions.hpp"

namespace the5hc::service {
namespace {

constexpr auto kTouchInterval = std::chrono::minutes(1);

using nlohmann::json;

// The session's data: {"flash": {"level": …, "text": …}, "organization_id": N}. A damaged value reads as empty.
json session_data(const std::string& text) {
  auto data = json::parse(text, nullptr, false);
  return data.is_object() ? data : json::object();
}

std::optional<Flash> flash_of(const json& data) {
  auto it = data.find("flash");
  if (it == data.end() || !it->is_object()) return std::nullopt;
  auto level = it->value("level", ""), text = it->value("text", "");
  if (level != "success" && level != "error" && level != "warning" && level != "info") return std::nullopt;
  return Flash{level, text};
}

std::optional<std::int64_t> chosen_organization(const json& data) {
  auto it = data.find("organization_id");
  if (it == data.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

// A superuser without a membership: the organisations to choose from, and acting in the chosen one.
void scope_superuser(soci::session& sql, const json& data, Actor& actor, ActiveWebSession& s) {
  auto chosen = chosen_organization(data);
  for (const auto& o : store::list_organizations(sql)) {
    s.organization_choices.push_back({o.id, o.name});
    if (chosen && *chosen == o.id) {
      actor.organization_id = o.id;
      actor.organization = ActorOrganization{o.id, o.name, o.timezone, o.vat_rate_bp, o.card_fee_rate_bp};
    }
  }
}

bool superuser_without_membership(const Actor& actor) { return actor.is_superuser && actor.role.empty(); }

}  // namespace

std::chrono::seconds session_lifetime(bool remember_me) {
  return remember_me ? kRememberMeLifetime : kSessionLifetime;
}

NewWebSession start_web_session(Context& ctx, std::int64_t user_id, bool remember_me,
                                const std::optional<std::string>& previous_session_id) {
  const TimePoint now = ctx.clock.now();
  NewWebSession created{auth::new_session_id(), auth::csrf::new_secret(), remember_me};
  store::WebSession row;
  row.id_hash = auth::session_id_hash(created.session_id);
  row.user_id = user_id;
  row.csrf_secret = created.csrf_secret;
  row.created_at = row.last_seen_at = format_timestamp(now);
  row.expires_at = format_timestamp(now + session_lifetime(remember_me));
  row.remember_me = remember_me;
  row.ip = ctx.origin.ip;
  row.user_agent = ctx.origin.user_agent;
  ctx.db.write([&](soci::session& sql) {
    if (previous_session_id) store::delete_web_session(sql, auth::session_id_hash(*previous_session_id));
    store::insert_web_session(sql, row);
  });
  return created;
}

std::optional<ActiveWebSession> resume_web_session(Context& ctx, const std::string& session_id) {
  const TimePoint now = ctx.clock.now();
  const std::string id_hash = auth::session_id_hash(session_id);
  auto found = ctx.db.read([&](soci::session& sql) -> std::optional<ActiveWebSession> {
    auto row = store::find_web_session(sql, id_hash, format_timestamp(now), /*anonymous=*/true);
    if (!row) return std::nullopt;
    const json data = session_data(row->data);
    ActiveWebSession s{row->id_hash, row->csrf_secret, std::nullopt, row->remember_me, false, flash_of(data), {}};
    if (!row->user_id) return s;
    auto actor = load_actor(sql, row->user_id);
    if (!actor) return std::nullopt;
    if (superuser_without_membership(*actor)) scope_superuser(sql, data, *actor, s);
    s.actor = std::move(actor);
    auto seen = parse_timestamp(row->last_seen_at);
    s.extended = !seen || now - *seen >= kTouchInterval;
    return s;
  });
  if (found && found->extended) {
    ctx.db.write([&](soci::session& sql) {
      store::touch_web_session(sql, id_hash, format_timestamp(now),
                               format_timestamp(now + session_lifetime(found->remember_me)));
    });
  }
  return found;
}

std::optional<std::string> put_flash(Context& ctx, const std::optional<std::string>& session_id, const Flash& flash) {
  const TimePoint now = ctx.clock.now();
  const json value = {{"level", flash.level}, {"text", flash.text}};
  return ctx.db.write([&](soci::session& sql) -> std::optional<std::string> {
    if (session_id && !session_id->empty()) {
      const std::string id_hash = auth::session_id_hash(*session_id);
      if (auto row = store::find_web_session(sql, id_hash, format_timestamp(now), /*anonymous=*/true)) {
        json data = session_data(row->data);
        data["flash"] = value;
        // a concurrent change of the same row (another tab) wins; the flash is then lost, nothing else
        store::replace_web_session_data(sql, id_hash, row->data, data.dump());
        return std::nullopt;
      }
    }
    std::string id = auth::new_session_id();
    store::WebSession row;
    row.id_hash = auth::session_id_hash(id);
    row.created_at = row.last_seen_at = format_timestamp(now);
    row.expires_at = format_timestamp(now + kSessionLifetime);
    row.ip = ctx.origin.ip;
    row.user_agent = ctx.origin.user_agent;
    row.data = json{{"flash", value}}.dump();
    store::insert_web_session(sql, row);
    return id;
  });
}

std::optional<Flash> take_flash(Context& ctx, const std::string& session_id) {
  const std::string now = format_timestamp(ctx.clock.now());
  const std::string id_hash = auth::session_id_hash(session_id);
  return ctx.db.write([&](soci::session& sql) -> std::optional<Flash> {
    auto row = store::find_web_session(sql, id_hash, now, /*anonymous=*/true);
    if (!row) return std::nullopt;
    json data = session_data(row->data);
    auto flash = flash_of(data);
    if (!flash) return std::nullopt;
    data.erase("flash");
    if (!store::replace_web_session_data(sql, id_hash, row->data, data.dump())) return std::nullopt;
    return flash;
  });
}

void choose_organization(Context& ctx, const std::string& session_id, std::optional<std::int64_t> organization_id) {
  const auto& actor = require_actor(ctx);
  if (!superuser_without_membership(actor))
    throw Error(ErrorCode::permission_denied, "You do not have permission to perform this action.");
  const std::string now = format_timestamp(ctx.clock.now());
  const std::string id_hash = auth::session_id_hash(session_id);
  ctx.db.write([&](soci::session& sql) {
    if (organization_id && !store::find_organization(sql, *organization_id)) throw Error::not_found();
    auto row = store::find_web_session(sql, id_hash, now);
    if (!row) throw Error(ErrorCode::not_authenticated, "Authentication credentials were not provided.");
    json data = session_data(row->data);
    if (organization_id) data["organization_id"] = *organization_id;
    else data.erase("organization_id");
    store::replace_web_session_data(sql, id_hash, row->data, data.dump());
  });
}

void logout(Context& ctx, const std::optional<std::string>& refresh_token,
            const std::optional<std::string>& session_id) {
  std::optional<auth::Claims> claims;
  if (refresh_token) {
    // An expired token still ends its family: the signature is what proves the caller holds it.
    auto decoded = auth::decode(*refresh_token, ctx.config.secret_key, ctx.clock.now(), auth::TokenType::refresh,
                                std::chrono::hours(24 * 365 * 100));
    if (!decoded.ok()) throw token_not_valid();
    claims = decoded.claims;
  }
  const std::string now = format_timestamp(ctx.clock.now());
  ctx.db.write([&](soci::session& sql) {
    std::optional<std::int64_t> user_id;
    bool ended = false;
    if (claims) {
      auto row = store::find_refresh_token(sql, claims->jti);
      if (row && row->user_id == claims->user_id && !row->revoked_at) {
        store::revoke_refresh_family(sql, row->family_id, now);
        user_id = row->user_id;
        ended = true;
      }
    }
    if (session_id) {
      auto row = store::find_web_session(sql, auth::session_id_hash(*session_id), now);
      if (row) {
        store::delete_web_session(sql, row->id_hash);
        user_id = row->user_id;
        ended = true;
      }
    }
    if (!ended) return;
    auto actor = load_actor(sql, *user_id);
    Context as_user = ctx;
    if (actor) as_user.actor = actor;
    audit(sql, as_user, "logout", "user", user_id, actor ? actor->username : "",
          actor ? actor->organization_id : std::nullopt);
  });
}

}  // namespace the5hc::service
