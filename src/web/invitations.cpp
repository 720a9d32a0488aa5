// The public invitation page (WEB.md §4.1): /invitations/accept/{code}/ shows "{조직} 초대" with the role and
// e-mail, and accepts (a new account, or the signed-in user whose e-mail was invited) or declines.
// The invite page (WEB.md §4.7): /trainers/invite/ with the form, the pending invitations (copy link, cancel) and the
// full-organisation state; sending e-mails the invitee and always leaves the link to copy.
#include "web/invitations.hpp"

#include "common/error.hpp"
#include "domain/permissions.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "service/invitations.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

http::Response invitation_page(const http::Request& req, const service::Dependencies& deps,
                               const store::Invitation& inv, json extra, int status = 200) {
  Page p;
  p.title = i18n::translate(req.lang, i18n::args("{organization} invitation", {{"organization", inv.organization_name}}));
  p.content = "accounts/invitation";
  p.status = status;
  auto role = d::parse_role(inv.role);
  p.data = {{"heading", p.title},
            {"email", inv.email},
            {"role", role ? (req.lang == Lang::en ? d::role_label(*role).en : d::role_label(*role).ko) : inv.role},
            {"pending", inv.status == "pending"},
            {"action", "/invitations/accept/" + http::url_encode(inv.code) + "/"},
            {"signed_in", front::actor(req) != nullptr},
            {"errors", json::object()},
            {"values", {{"name", inv.name.value_or("")}}}};
  if (!front::actor(req))
    p.data["login_url"] = "/accounts/login/?next=" + http::url_encode("/invitations/accept/" + inv.code + "/");
  p.data.update(extra);
  return respond(req, deps, std::move(p));
}

std::string role_name(const std::string& code, Lang lang) {
  auto role = d::parse_role(code);
  if (!role) return code;
  return lang == Lang::en ? d::role_label(*role).en : d::role_label(*role).ko;
}

// The page of the inviter: the form (or the full-organisation notice), the link of the invitation just sent, and the
// pending invitations with their links.
http::Response invite_page(const http::Request& req, const service::Dependencies& deps,
                           const service::InvitationBoard& board, json values, json errors, json sent, int status) {
  std::string site = front::site_url(req, deps);
  json pending = json::array();
  for (const auto& inv : board.pending)
    pending.push_back({{"id", inv.id},
                       {"email", inv.email},
                       {"role", role_name(inv.role, req.lang)},
                       {"role_code", inv.role},
                       {"invited", local_day(inv.created_at, inv.organization_timezone)},
                       {"expires", local_day(inv.expires_at, inv.organization_timezone)},
                       {"link", service::invitation_accept_url(site, inv.code)}});
  json roles = json::array();
  std::string chosen = values.value("role", std::string("trainer"));
  for (const auto& code : board.roles)
    roles.push_back({{"code", code}, {"label", role_name(code, req.lang)}, {"selected", code == chosen}});
  Page p;
  p.title = i18n::tr(req.lang, "Invite a trainer");
  p.content = "trainers/invite";
  p.status = status;
  p.data = {{"pending", pending},
            {"has_pending", !pending.empty()},
            {"can_add", board.can_add_trainer},
            {"full_message",
             i18n::translate(req.lang, i18n::args("The organisation has reached its maximum number of trainers ({n}).",
                                                  {{"n", std::to_string(board.max_trainers)}}))},
            {"roles", roles},
            {"values", std::move(values)},
            {"errors", std::move(errors)},
            {"sent", std::move(sent)}};
  return respond(req, deps, std::move(p));
}

}  // namespace

void register_invitation_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/trainers/invite/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return invite_page(req, deps, service::invitation_board(ctx), json::object(), json::object(), nullptr, 200);
  }, "web-invite");

  page_route(router, "POST", "/trainers/invite/", [&deps](http::Request& req) {
    auto f = form(req);
    service::NewInvitation in;
    in.email = f.get("email").value_or("");
    in.role = f.get("role").value_or("trainer");
    in.name = text(f, "name");
    in.message = text(f, "message");
    auto ctx = front::context(req, deps);
    json values = {{"email", in.email}, {"name", in.name.value_or("")}, {"message", in.message.value_or("")},
                   {"role", in.role}};
    try {
      auto sent = service::create_invitation(ctx, in, deps.mailer, front::site_url(req, deps));
      // The page itself (not a redirect) shows the result: the link to copy belongs to this response only.
      json result = {{"link", sent.accept_url},
                     {"emailed", sent.delivery == service::Delivery::sent},
                     {"failed", sent.delivery == service::Delivery::failed},
                     {"not_configured", sent.delivery == service::Delivery::not_configured},
                     {"message", i18n::translate(req.lang, i18n::args("An invitation has been sent to {email}. It must "
                                                                      "be accepted within 7 days.",
                                                                      {{"email", sent.invitation.email}}))}};
      return invite_page(req, deps, service::invitation_board(ctx), json::object(), json::object(), result, 200);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::validation) throw;
      json errors = field_errors(e, req.lang);
      return invite_page(req, deps, service::invitation_board(ctx), values, errors, nullptr, 422);
    }
  }, "web-invite-submit");

  page_route(router, "POST", "/trainers/invitation/{id:int}/cancel/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto inv = service::cancel_invitation(ctx, front::path_id(req));
    return see_other(req, deps, "/trainers/invite/", "success",
                     i18n::translate(req.lang, i18n::args("The invitation to {email} has been cancelled.",
                                                          {{"email", inv.email}})));
  }, "web-invitation-cancel");

  router.get("/invitations/accept/{code}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return invitation_page(req, deps, service::lookup_invitation(ctx, req.param("code")), json::object());
  }, "web-invitation");

  router.post("/invitations/accept/{code}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto fields = form(req);
    const std::string& code = req.param("code");
    if (fields.get("action") == std::optional<std::string>("decline")) {
      service::decline_invitation(ctx, code);
      return see_other(req, deps, front::actor(req) ? "/" : "/accounts/login/", "info",
                       i18n::tr(req.lang, "You declined the invitation."));
    }
    service::Acceptance in{code, fields.get("username"), fields.get("name"), fields.get("password"),
                           fields.get("confirm_password")};
    if (front::actor(req) && in.username && in.username->empty()) in.username.reset();
    try {
      service::accept_invitation(ctx, in);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::validation) throw;
      auto inv = service::lookup_invitation(ctx, code);
      return invitation_page(req, deps, inv,
                             {{"errors", field_errors(e, req.lang)},
                              {"values", {{"username", in.username.value_or("")}, {"name", in.name.value_or("")}}}},
                             422);
    }
    bool signed_in = front::actor(req) != nullptr;
    return see_other(req, deps, signed_in ? "/" : "/accounts/login/", "success",
                     i18n::tr(req.lang, signed_in ? "You have joined the organisation."
                                                  : "Your account has been created. Please log in."));
  }, "web-invitation-submit");
}

}  // namespace the5hc::web
