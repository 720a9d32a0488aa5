#include "api/body.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "api/organizations_api.hpp"
#include "front/context.hpp"
#include "api/users_json.hpp"
#include "domain/organization_rules.hpp"
#include "http/json_response.hpp"
#include "service/identity.hpp"
#include "service/invitations.hpp"
#include "service/tokens.hpp"

namespace the5hc::api {
namespace {

std::string status_display(const std::string& status, Lang lang) {
  for (auto s : {domain::InvitationStatus::pending, domain::InvitationStatus::accepted,
                 domain::InvitationStatus::declined, domain::InvitationStatus::expired,
                 domain::InvitationStatus::cancelled}) {
    const auto& label = domain::invitation_status_label(s);
    if (status == label.code) return lang == Lang::en ? label.en : label.ko;
  }
  return status;
}

nlohmann::json invitation_json(const store::Invitation& i, const http::Request& req,
                               const service::Dependencies& deps) {
  const auto& zone = i.organization_timezone;
  return {{"id", i.id},
          {"email", i.email},
          {"name", nullable(i.name)},
          {"role", i.role},
          {"role_display", role_display(i.role, req.lang)},
          {"message", nullable(i.message)},
          {"status", i.status},
          {"status_display", status_display(i.status, req.lang)},
          {"invited_by_name", i.invited_by_name},
          {"created_at", timestamp_json(i.created_at, zone)},
          {"expires_at", timestamp_json(i.expires_at, zone)},
          {"accepted_at", timestamp_json(i.accepted_at, zone)},
          {"accept_url", i.status == "pending" ? nlohmann::json(service::invitation_accept_url(front::site_url(req, deps), i.code))
                                             : nullptr}};
}

}  // namespace

void register_invitation_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/invitations/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    auto page = page_request(req);
    auto status = query_choice(req, "status", {"pending", "accepted", "declined", "expired", "cancelled"});
    auto result = service::list_invitations(ctx, status, page.page_size, page.offset());
    auto items = nlohmann::json::array();
    for (const auto& i : result.results) items.push_back(invitation_json(i, req, deps));
    return http::json_response(200, page_envelope(req, page, result.count, items));
  }, "invitations-list");

  router.post("/api/v1/invitations/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    Body body(req, {"email", "role", "name", "message"},
              {"id", "role_display", "status", "status_display", "invited_by_name", "created_at", "expires_at",
               "accepted_at", "accept_url"});
    service::NewInvitation in;
    in.email = body.text("email", true, false, 254).value_or("");
    in.role = body.choice("role", {"owner", "senior", "trainer", "assistant"}).value_or("trainer");
    in.name = body.text("name", false, true, 200, true);
    in.message = body.text("message", false, true, 0, true);
    body.finish();
    return http::json_response(201, invitation_json(service::create_invitation(ctx, in, deps.mailer, front::site_url(req, deps)).invitation,
                                                    req, deps));
  }, "invitations-create");

  router.post("/api/v1/invitations/{id:int}/cancel/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, invitation_json(service::cancel_invitation(ctx, front::path_id(req)), req, deps));
  }, "invitations-cancel");

  router.get("/api/v1/invitations/lookup/", [&deps](http::Request& req) {
    auto code = req.query.get("code");
    if (!code || code->empty()) throw Error::field("code", "This field is required.");
    auto ctx = front::context(req, deps);
    auto i = service::lookup_invitation(ctx, *code);
    return http::json_response(200, {{"organization_name", i.organization_name},
                                     {"email", i.email},
                                     {"role", i.role},
                                     {"role_display", role_display(i.role, req.lang)},
                                     {"status", i.status},
                                     {"status_display", status_display(i.status, req.lang)},
                                     {"expires_at", timestamp_json(i.expires_at, i.organization_timezone)}});
  }, "invitations-lookup");

  router.post("/api/v1/invitations/accept/", [&deps](http::Request& req) {
    Body body(req, {"code", "username", "name", "password", "confirm_password"});
    service::Acceptance in;
    in.code = body.text("code", true, false, 64).value_or("");
    in.username = body.text("username", false, false, 150);
    in.name = body.text("name", false, false, 200);
    in.password = body.text("password", false, false, 0, true);
    in.confirm_password = body.text("confirm_password", false, false, 0, true);
    body.finish();
    auto ctx = front::context(req, deps);
    auto signed_in = service::accept_invitation(ctx, in);
    return http::json_response(201, {{"user", user_json(signed_in.user, req.lang)},
                                     {"access", signed_in.tokens.access},
                                     {"refresh", signed_in.tokens.refresh}});
  }, "invitations-accept");

  router.post("/api/v1/invitations/decline/", [&deps](http::Request& req) {
    Body body(req, {"code"});
    auto code = body.text("code", true, false, 64).value_or("");
    body.finish();
    auto ctx = front::context(req, deps);
    return http::json_response(200, invitation_json(service::decline_invitation(ctx, code), req, deps));
  }, "invitations-decline");
}

}  // namespace the5hc::api
