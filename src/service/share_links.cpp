#include "service/share_links.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/identity.hpp"
#include "service/clients.hpp"
#include "store/clients.hpp"
#include "store/database.hpp"

namespace the5hc::service {
namespace {

namespace d = the5hc::domain;
using nlohmann::json;

// The link of this client, else 404 (a link id of another client reveals nothing).
store::ShareLink link_of(soci::session& sql, std::int64_t client_id, std::int64_t link_id) {
  auto link = store::find_share_link(sql, link_id);
  if (!link || link->client_id != client_id) throw Error::not_found();
  return *link;
}

}  // namespace

CreatedShareLink create_share_link(const Context& ctx, std::int64_t client_id, const NewShareLink& in) {
  const auto& actor = require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) {
    auto client = visible_client(sql, ctx, client_id, d::Action::edit_client);
    if (auto errors = d::validate_share_link(in.expires_in_days, in.consent); !errors.empty())
      throw Error::validation(errors);
    const auto now = ctx.clock.now();
    CreatedShareLink out;
    out.token = auth::base64url_encode(auth::random_bytes(16));
    store::ShareLink link;
    link.organization_id = client.organization_id;
    link.client_id = client.id;
    link.created_by_id = actor.user_id;
    link.created_at = format_timestamp(now);
    link.consent_at = link.created_at;
    link.expires_at = format_timestamp(now + std::chrono::days{in.expires_in_days});
    auto id = store::insert_share_link(sql, link, digest::sha256_hex(out.token));
    out.link = *store::find_share_link(sql, id);
    out.zone = actor_zone(ctx);
    audit(sql, ctx, "share_link_created", "client_share_link", id, client.fields.name, client.organization_id,
          {std::nullopt, json{{"client", client.id}, {"expires_at", link.expires_at}, {"consent", true}}.dump()});
    return out;
  });
}

Rows<store::ShareLink> list_share_links(const Context& ctx, std::int64_t client_id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    visible_client(sql, ctx, client_id, d::Action::view_client);
    auto links = store::client_share_links(sql, client_id);
    auto count = static_cast<std::int64_t>(links.size());
    return Rows<store::ShareLink>{count, std::move(links), actor_zone(ctx)};
  });
}

Shown<store::ShareLink> revoke_share_link(const Context& ctx, std::int64_t client_id, std::int64_t link_id) {
  const auto& actor = require_actor(ctx);
  auto revoked = ctx.db.write([&](soci::session& sql) {
    auto client = visible_client(sql, ctx, client_id, d::Action::edit_client);
    auto link = link_of(sql, client_id, link_id);
    if (link.revoked_at) return link;
    store::revoke_share_link(sql, link_id, actor.user_id, format_timestamp(ctx.clock.now()));
    audit(sql, ctx, "share_link_revoked", "client_share_link", link_id, client.fields.name, client.organization_id,
          {json{{"expires_at", link.expires_at}}.dump(), json{{"revoked", true}}.dump()});
    return *store::find_share_link(sql, link_id);
  });
  return {std::move(revoked), actor_zone(ctx)};
}

}  // namespace the5hc::service
