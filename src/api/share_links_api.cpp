#include "api/share_links_api.hpp"

#include "api/body.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "common/clock.hpp"
#include "common/time.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "service/share_links.hpp"

namespace the5hc::api {
namespace {

using nlohmann::json;

json link_json(const store::ShareLink& l, const std::string& zone, const std::string& now, Lang lang) {
  auto status = domain::share_link_status(l.expires_at, l.revoked_at.has_value(), now);
  const auto& label = domain::share_link_status_label(status);
  return {{"id", l.id},
          {"client", l.client_id},
          {"status", label.code},
          {"status_display", lang == Lang::en ? label.en : label.ko},
          {"created_at", timestamp_json(l.created_at, zone)},
          {"expires_at", timestamp_json(l.expires_at, zone)},
          {"consent_at", timestamp_json(l.consent_at, zone)},
          {"revoked_at", timestamp_json(l.revoked_at, zone)},
          {"language", l.language},
          {"view_count", l.view_count},
          {"last_viewed_at", timestamp_json(l.last_viewed_at, zone)},
          {"created_by", l.created_by_id ? json(*l.created_by_id) : json(nullptr)},
          {"created_by_name", l.created_by_name}};
}

}  // namespace

void register_share_link_routes(http::Router& router, const service::Dependencies& deps) {
  router.post("/api/v1/clients/{id:int}/share-links/", [&deps](http::Request& req) {
    Body body(req, {"expires_in_days", "consent", "language"});
    service::NewShareLink in;
    if (auto days = body.integer("expires_in_days")) in.expires_in_days = static_cast<int>(*days);
    in.consent = body.boolean("consent").value_or(false);
    if (auto language = body.choice("language", {"ko", "en"})) in.language = i18n::parse(*language);
    body.finish();
    auto ctx = front::context(req, deps);
    auto created = service::create_share_link(ctx, req.param_int("id"), in);
    auto out = link_json(created.link, created.zone, format_timestamp(deps.clock.now()), req.lang);
    out["token"] = created.token;  // shown once: only its hash is stored
    out["url"] = absolute_url(req, "/s/" + created.token + "/");
    return http::json_response(201, out);
  }, "clients-share-links-create");

  router.get("/api/v1/clients/{id:int}/share-links/", [&deps](http::Request& req) {
    auto links = service::list_share_links(front::context(req, deps), req.param_int("id"));
    auto now = format_timestamp(deps.clock.now());
    json out = json::array();
    for (const auto& l : links.results) out.push_back(link_json(l, links.zone, now, req.lang));
    return http::json_response(200, out);
  }, "clients-share-links-list");

  router.post("/api/v1/clients/{id:int}/share-links/{link_id:int}/revoke/", [&deps](http::Request& req) {
    auto link = service::revoke_share_link(front::context(req, deps), req.param_int("id"), req.param_int("link_id"));
    return http::json_response(200, link_json(link.row, link.zone, format_timestamp(deps.clock.now()), req.lang));
  }, "clients-share-links-revoke");
}

}  // namespace the5hc::api
