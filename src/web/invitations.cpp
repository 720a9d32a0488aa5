// The public invitation page (WEB.md §4.1): /invitations/accept/{code}/ shows "{조직} 초대" with the role and
// e-mail, and accepts (a new account, or the signed-in user whose e-mail was invited) or declines.
#include "web/invitations.hpp"

#include "common/error.hpp"
#include "domain/permissions.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "service/invitations.hpp"
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

}  // namespace

void register_invitation_routes(http::Router& router, const service::Dependencies& deps) {
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
