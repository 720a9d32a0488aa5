#include "service/share_links.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "auth/rate_limiter.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "domain/report_rules.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/identity.hpp"
#include "service/clients.hpp"
#include "store/clients.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"
#include "store/packages.hpp"

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

// Who may open which link is decided by the token alone, so guessing must be slow: every request of an IP counts,
// at the anonymous rate (THROTTLE_ANON) but on a counter of its own.
void limit_share_views(const Context& ctx, auth::RateLimiter& limiter) {
  auto decision = limiter.hit("share:" + ctx.origin.ip, ctx.config.throttle_anon, ctx.clock.now());
  if (decision.allowed) return;
  log::warning("security", "share link rate limit", {{"ip", ctx.origin.ip}});
  // 요청이 너무 많습니다. 잠시 후 다시 시도하세요.
  Error e(ErrorCode::throttled, "Too many requests. Please try again later.");
  e.headers["Retry-After"] = std::to_string(decision.retry_after);
  throw e;
}

}  // namespace

std::optional<store::ShareLink> open_share_link(const Context& ctx, auth::RateLimiter& limiter,
                                                const std::string& token) {
  limit_share_views(ctx, limiter);
  const std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) -> std::optional<store::ShareLink> {
    auto link = store::find_share_link_by_token(sql, digest::sha256_hex(token));
    if (!link) throw Error::not_found();
    if (d::share_link_status(link->expires_at, link->revoked_at.has_value(), now) != d::ShareLinkStatus::active)
      return std::nullopt;
    store::record_share_link_view(sql, link->id, now);
    return link;
  });
}

SharedResults shared_results(const Context& ctx, auth::RateLimiter& limiter, const std::string& token) {
  auto link = open_share_link(ctx, limiter, token);
  SharedResults out;
  if (!link) {
    out.gone = true;
    return out;
  }
  out.lang = i18n::parse(link->language);
  ctx.db.read([&](soci::session& sql) {
    if (auto org = store::find_organization(sql, link->organization_id)) out.organization_name = org->name;
    auto client = store::find_client_record(sql, link->client_id);
    if (!client) throw Error::not_found();  // deleted between the two transactions
    out.client_name = client->fields.name;
    store::AssessmentFilter f;
    f.client_id = link->client_id;
    auto rows = store::list_assessments(
        sql, f, {{store::AssessmentSort::date, false}, {store::AssessmentSort::id, false}}, 100000, 0);
    for (const auto& a : rows) {
      const auto& sc = a.results.scores;
      out.history.push_back({a.meta.date, sc.overall_score, sc.strength_score, sc.mobility_score, sc.balance_score,
                             sc.cardio_score});
    }
    if (!rows.empty()) {
      out.latest = assessment_view(sql, ctx, rows.back());
      if (auto day = parse_date(rows.back().meta.date)) {
        auto retest = d::follow_up_dates(to_sys_days(*day)).reassessment;
        out.next_retest = add_days(*day, static_cast<int>((retest - to_sys_days(*day)).count())).str();
      }
    }
    store::PackageFilter packages;
    packages.scope.organization_id = link->organization_id;
    packages.client_id = link->client_id;
    packages.status = d::PackageStatus::active;
    for (const auto& p : store::list_packages(sql, packages))
      out.remaining_sessions = out.remaining_sessions.value_or(0) + p.counters.remaining_sessions;
  });
  return out;
}

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
    link.language = lang_code(in.language);
    link.expires_at = format_timestamp(now + std::chrono::days{in.expires_in_days});
    auto id = store::insert_share_link(sql, link, digest::sha256_hex(out.token));
    out.link = *store::find_share_link(sql, id);
    out.zone = actor_zone(ctx);
    out.links = store::client_share_links(sql, client.id);
    audit(sql, ctx, "share_link_created", "client_share_link", id, client.fields.name, client.organization_id,
          {std::nullopt, json{{"client", client.id}, {"expires_at", link.expires_at}, {"consent", true},
                              {"language", link.language}}.dump()});
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
