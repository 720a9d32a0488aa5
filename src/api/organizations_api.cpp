#include "api/organizations_api.hpp"

#include "api/activity_api.hpp"
#include "api/body.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "service/dashboard.hpp"
#include "service/organizations.hpp"

namespace the5hc::api {
namespace {

nlohmann::json organization_json(const service::OrganizationView& v) {
  const auto& o = v.organization;
  auto hours = nlohmann::json::parse(o.business_hours, nullptr, false);
  return {{"id", o.id},
          {"name", o.name},
          {"slug", o.slug},
          {"description", nullable(o.description)},
          {"phone", nullable(o.phone)},
          {"email", nullable(o.email)},
          {"address", nullable(o.address)},
          {"timezone", o.timezone},
          {"business_hours", hours.is_discarded() ? nlohmann::json::object() : hours},
          {"max_trainers", o.max_trainers},
          {"trainer_count", v.trainer_count},
          {"can_add_trainer", v.can_add_trainer},
          {"vat_rate_bp", o.vat_rate_bp},
          {"card_fee_rate_bp", o.card_fee_rate_bp},
          {"created_at", timestamp_json(o.created_at, o.timezone)},
          {"updated_at", timestamp_json(o.updated_at, o.timezone)}};
}

// PUT (full) requires the name; PATCH and POST take what is given (POST requires the name too). Body errors are
// judged by the use case (an update finds the organisation first: 404 before 400).
service::OrganizationChanges read_changes(const http::Request& req, bool name_required) {
  Body body(req,
            {"name", "slug", "description", "phone", "email", "address", "timezone", "business_hours", "max_trainers",
             "vat_rate_bp", "card_fee_rate_bp"},
            {"id", "trainer_count", "can_add_trainer", "created_at", "updated_at"});
  service::OrganizationChanges c;
  c.name = body.text("name", name_required, false, 100);
  c.slug = body.text("slug", false, false, 100);
  c.timezone = body.text("timezone", false, false, 50);
  if (body.has("description")) c.description = body.text("description", false, true, 0, true);
  if (body.has("address")) c.address = body.text("address", false, true, 0, true);
  if (body.has("phone")) c.phone = body.text("phone", false, true, 20, true);
  if (body.has("email")) c.email = body.text("email", false, true, 254, true);
  if (body.has("business_hours")) {
    const auto& hours = body.json().at("business_hours");
    if (hours.is_object()) c.business_hours = hours.dump();
    else body.error("business_hours", "Enter a JSON object.");
  }
  if (auto v = body.integer("max_trainers")) c.max_trainers = static_cast<int>(*v);
  if (auto v = body.integer("vat_rate_bp")) c.vat_rate_bp = static_cast<int>(*v);
  if (auto v = body.integer("card_fee_rate_bp")) c.card_fee_rate_bp = static_cast<int>(*v);
  c.input_errors = body.errors();
  return c;
}

// API.md §3.9: the trainer leaderboard, the organisation's totals and its 20 latest audit rows.
nlohmann::json dashboard_json(const service::OrganizationDashboard& d, Lang lang) {
  auto trainers = nlohmann::json::array();
  for (const auto& t : d.trainers)
    trainers.push_back({{"trainer", t.trainer_id},
                        {"name", t.name},
                        {"role", t.role},
                        {"role_display", role_display(t.role, lang)},
                        {"active_clients", t.active_clients},
                        {"assessments_30d", t.assessments_30d},
                        {"sessions_30d", t.sessions_30d},
                        {"revenue_30d", t.revenue_30d}});
  auto activity = nlohmann::json::array();
  for (const auto& r : d.recent_activity) activity.push_back(audit_summary_json(r, d.timezone, lang));
  return {{"trainers", trainers},
          {"totals",
           {{"trainers", d.active_trainers},
            {"max_trainers", d.max_trainers},
            {"active_clients", d.active_clients},
            {"revenue_30d", d.revenue_30d},
            {"sessions_this_month", d.sessions_this_month},
            {"packages_renewal_due", d.renewal_due}}},
          {"recent_activity", activity}};
}

}  // namespace

void register_organization_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/organizations/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    auto page = page_request(req);
    auto result = service::list_organizations(ctx, page.page_size, page.offset());
    auto items = nlohmann::json::array();
    for (const auto& v : result.results) items.push_back(organization_json(v));
    return http::json_response(200, page_envelope(req, page, result.count, items));
  }, "organizations-list");

  router.post("/api/v1/organizations/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    auto changes = read_changes(req, true);
    return http::json_response(201, organization_json(service::create_organization(ctx, changes)));
  }, "organizations-create");

  router.get("/api/v1/organizations/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, organization_json(service::get_organization(ctx, front::path_id(req))));
  }, "organizations-detail");

  router.get("/api/v1/organizations/{id:int}/dashboard/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    return http::json_response(200, dashboard_json(service::organization_dashboard(ctx, front::path_id(req)), req.lang));
  }, "organizations-dashboard");

  for (bool full : {true, false}) {
    auto handler = [&deps, full](http::Request& req) {
      auto id = front::path_id(req);
      auto changes = read_changes(req, full);  // 404 before 400: an invisible organisation reveals nothing
      auto ctx = front::context(req, deps);
      return http::json_response(200, organization_json(service::update_organization(ctx, id, changes)));
    };
    if (full) router.put("/api/v1/organizations/{id:int}/", handler, "organizations-update");
    else router.patch("/api/v1/organizations/{id:int}/", handler, "organizations-partial-update");
  }
}

}  // namespace the5hc::api
