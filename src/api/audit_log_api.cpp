#include "api/activity_api.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "config/config.hpp"
#include "domain/audit_actions.hpp"
#include "http/json_response.hpp"
#include "service/audit_log.hpp"

namespace the5hc::api {
namespace {

nlohmann::json json_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  return j.is_discarded() ? nlohmann::json(*text) : j;
}

std::string action_display(const std::string& action, Lang lang) {
  const auto* label = domain::audit_action_label(action);
  if (!label) return action;
  return lang == Lang::en ? label->en : label->ko;
}

nlohmann::json audit_json(const store::AuditRecord& a, const std::string& default_zone, Lang lang) {
  const auto& e = a.entry;
  auto out = audit_summary_json(a, default_zone, lang);
  out.update({{"ip_address", e.ip_address},
              {"user_agent", e.user_agent},
              {"request_id", e.request_id},
              {"before", json_or_null(e.before)},
              {"after", json_or_null(e.after)},
              {"extra", json_or_null(e.extra)}});
  return out;
}

}  // namespace

nlohmann::json audit_summary_json(const store::AuditRecord& a, const std::string& default_zone, Lang lang) {
  const auto& e = a.entry;
  std::string zone = a.organization_timezone.value_or(default_zone);
  return {{"id", a.id},
          {"created_at", timestamp_json(a.created_at, zone)},
          {"user", nullable(e.user_id)},
          {"user_name", a.user_name},
          {"organization", nullable(e.organization_id)},
          {"action", e.action},
          {"action_display", action_display(e.action, lang)},
          {"object_type", e.object_type},
          {"object_id", nullable(e.object_id)},
          {"object_repr", e.object_repr}};
}

void register_audit_log_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/audit-log/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    auto page = page_request(req);
    service::AuditQuery q;
    q.action = req.query.get("action");
    q.object_type = req.query.get("object_type");
    q.user_id = query_int(req, "user");
    q.object_id = query_int(req, "object_id");
    q.date_from = query_date(req, "date_from");
    q.date_to = query_date(req, "date_to");
    q.search = search_terms(req);
    auto result = service::list_audit_log(ctx, q, page.page_size, page.offset());
    auto items = nlohmann::json::array();
    for (const auto& a : result.results) items.push_back(audit_json(a, deps.config.time_zone, req.lang));
    return http::json_response(200, page_envelope(req, page, result.count, items));
  }, "audit-log-list");

  router.get("/api/v1/audit-log/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto entry = service::get_audit_entry(ctx, front::path_id(req));
    return http::json_response(200, audit_json(entry, deps.config.time_zone, req.lang));
  }, "audit-log-detail");
}

}  // namespace the5hc::api
