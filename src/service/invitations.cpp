#include "service/invitations.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <cctype>

#include "auth/password.hpp"
#include "auth/password_policy.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "domain/client_rules.hpp"
#include "domain/organization_rules.hpp"
#include "service/accounts.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/identity.hpp"
#include "service/notifications.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"
#include "store/users.hpp"

namespace the5hc::service {
namespace {

domain::InvitationStatus status_of(const std::string& code) {
  for (auto s : {domain::InvitationStatus::pending, domain::InvitationStatus::accepted,
                 domain::InvitationStatus::declined, domain::InvitationStatus::expired,
                 domain::InvitationStatus::cancelled})
    if (code == domain::invitation_status_label(s).code) return s;
  return domain::InvitationStatus::cancelled;
}

// Lazy expiry first, so the status read is the stored one.
std::optional<store::Invitation> find_by_code(soci::session& sql, const Context& ctx, const std::string& code) {
  store::expire_invitations(sql, format_timestamp(ctx.clock.now()));
  return store::find_invitation_by_code(sql, code);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string repr(const store::Invitation& i) { return i.email + " (" + i.role + ")"; }

// The invitation e-mail, in Korean (the invitee's language is not known yet).
MailMessage invitation_email(const store::Invitation& inv, const std::string& accept_url) {
  auto role = domain::parse_role(inv.role);
  std::string role_ko = role ? domain::role_label(*role).ko : inv.role;
  std::string expires = inv.expires_at;
  if (auto at = parse_timestamp(inv.expires_at)) {
    std::string iso = iso8601(*at, zone_offset_minutes(inv.organization_timezone, *at));  // 2026-12-11T17:27:12+09:00
    expires = iso.substr(0, 10) + " " + iso.substr(11, 5);
  }
  std::string body = (inv.name ? *inv.name + "님, 안녕하세요.\n\n" : std::string("안녕하세요.\n\n")) +
                     inv.invited_by_name + "님이 " + inv.organization_name + "에 " + role_ko +
                     "(으)로 초대했습니다.\n\n";
  if (inv.message && !inv.message->empty()) body += "초대 메시지:\n" + *inv.message + "\n\n";
  body += "아래 링크에서 초대를 수락하세요. 링크는 " + expires + "까지 유효합니다.\n" + accept_url +
          "\n\n초대를 원하지 않으시면 이 메일을 무시하셔도 됩니다.\n\n— The5HC\n";
  return {inv.email, "[The5HC] " + inv.organization_name + " 트레이너 초대", body};
}

// Owners and seniors manage invitations; "may invite a trainer" is the permission to see them at all.
std::optional<std::int64_t> invitation_scope(const Context& ctx) {
  const auto& actor = require_actor(ctx);
  if (actor.is_superuser && !actor.organization_id) return std::nullopt;
  auto org = require_organization(ctx);
  authorize(ctx, domain::Action::invite_trainer, {.organization_id = org, .role = domain::Role::trainer});
  return org;
}

}  // namespace

std::string invitation_accept_url(const std::string& site_url, const std::string& code) {
  std::string base = site_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/invitations/accept/" + code + "/";
}

InvitationSent create_invitation(Context& ctx, const NewInvitation& in, Mailer* mailer, const std::string& site_url) {
  auto org_id = require_organization(ctx);
  auto role = domain::parse_role(in.role);
  if (!role) throw Error::field("role", i18n::args("\"{v}\" is not a valid choice.", {{"v", in.role}}));
  authorize(ctx, domain::Action::invite_trainer, {.organization_id = org_id, .role = role});
  std::string email = domain::trim(in.email);
  if (!domain::is_valid_email(email)) throw Error::field("email", "Enter a valid email address.");
  auto now = ctx.clock.now();
  auto created = ctx.db.write([&](soci::session& sql) {
    store::expire_invitations(sql, format_timestamp(now));
    auto org = store::find_organization(sql, org_id);
    domain::check_invitation_creation(store::email_is_trainer(sql, org_id, email),
                                      store::has_pending_invitation(sql, org_id, email),
                                      store::count_active_trainers(sql, org_id), org->max_trainers);
    store::Invitation inv;
    inv.organization_id = org_id;
    inv.email = email;
    inv.name = in.name;
    inv.role = in.role;
    inv.code = auth::new_invitation_code();
    inv.message = in.message;
    inv.invited_by_id = ctx.actor->user_id;
    inv.created_at = format_timestamp(now);
    inv.expires_at = format_timestamp(now + domain::invitation_lifetime);
    inv.id = store::insert_invitation(sql, inv);
    audit(sql, ctx, "invitation_sent", "invitation", inv.id, repr(inv), org_id,
          {std::nullopt, nlohmann::json{{"email", inv.email}, {"role", inv.role}}.dump()});
    return *store::find_invitation(sql, inv.id);
  });
  // Outside the transaction: a slow or failing mail server never holds the database or undoes the invitation.
  InvitationSent sent{created, invitation_accept_url(site_url, created.code), Delivery::not_configured};
  sent.delivery = deliver(mailer, invitation_email(created, sent.accept_url), "invitation");
  if (sent.delivery == Delivery::not_configured)
    log::warning("mail", "e-mail is not configured (EMAIL_HOST): share the invitation link yourself",
                 {{"to", created.email}, {"accept_url", sent.accept_url}});
  return sent;
}

InvitationBoard invitation_board(Context& ctx) {
  auto org_id = require_organization(ctx);
  authorize(ctx, domain::Action::invite_trainer, {.organization_id = org_id, .role = domain::Role::trainer});
  InvitationBoard board;
  for (auto role : {domain::Role::owner, domain::Role::senior, domain::Role::trainer, domain::Role::assistant})
    if (domain::authorize(domain_actor(*ctx.actor), domain::Action::invite_trainer,
                          {.organization_id = org_id, .role = role}) == domain::Access::allowed)
      board.roles.push_back(domain::role_label(role).code);
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    store::expire_invitations(sql, now);
    auto org = store::find_organization(sql, org_id);
    board.trainer_count = store::count_active_trainers(sql, org_id);
    board.max_trainers = org->max_trainers;
    board.can_add_trainer = domain::can_add_trainer(board.trainer_count, org->max_trainers);
    board.pending = store::list_invitations(sql, org_id, std::string("pending"), 100, 0);
    return board;
  });
}

InvitationPage list_invitations(Context& ctx, const std::optional<std::string>& status, int limit, int offset) {
  const auto& actor = require_actor(ctx);
  if (!actor.is_superuser && !actor.organization_id) return {};  // API.md §1.4: empty lists without a membership
  auto org = invitation_scope(ctx);
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    store::expire_invitations(sql, now);
    return InvitationPage{store::count_invitations(sql, org, status),
                          store::list_invitations(sql, org, status, limit, offset)};
  });
}

store::Invitation cancel_invitation(Context& ctx, std::int64_t id) {
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    store::expire_invitations(sql, now);
    auto inv = store::find_invitation(sql, id);
    if (!inv) throw Error::not_found();
    authorize(ctx, domain::Action::cancel_invitation,
              {.organization_id = inv->organization_id, .role = domain::parse_role(inv->role)});
    if (inv->status != "pending")
      throw Error(ErrorCode::bad_request, "Only pending invitations can be cancelled.");
    store::set_invitation_status(sql, id, "cancelled");
    audit(sql, ctx, "invitation_cancelled", "invitation", id, repr(*inv), inv->organization_id,
          {nlohmann::json{{"status", "pending"}}.dump(), nlohmann::json{{"status", "cancelled"}}.dump()});
    return *store::find_invitation(sql, id);
  });
}

store::Invitation lookup_invitation(Context& ctx, const std::string& code) {
  return ctx.db.write([&](soci::session& sql) {
    auto inv = find_by_code(sql, ctx, code);
    if (!inv) throw Error::not_found();
    return *inv;
  });
}

SignedIn accept_invitation(Context& ctx, const Acceptance& in) {
  bool new_account = in.username.has_value();
  if (!new_account && !ctx.actor) {
    FieldErrors missing;
    for (const char* f : {"username", "name", "password", "confirm_password"})
      missing[f].push_back("This field is required.");
    throw Error::validation(missing);
  }
  std::string hash, username;
  if (new_account) {
    FieldErrors errors;
    username = domain::trim(*in.username);
    if (!valid_username(username))
      errors["username"].push_back("Enter a valid username: letters, digits and @.+-_ only.");
    if (!in.name || domain::trim(*in.name).empty()) errors["name"].push_back("This field is required.");
    if (!in.password) errors["password"].push_back("This field is required.");
    if (!in.confirm_password) errors["confirm_password"].push_back("This field is required.");
    if (in.password && in.confirm_password && *in.password != *in.confirm_password)
      errors["confirm_password"].push_back("The two password fields didn't match.");
    if (in.password)
      for (const auto& m : auth::check_password_policy(*in.password, username, "")) errors["password"].push_back(m);
    if (!errors.empty()) throw Error::validation(errors);
    // Hash outside any transaction: it is the slow part and must hold neither the SQLite write lock nor a pooled
    // connection.
    ctx.db.end_shared_read();
    hash = auth::hash_password(*in.password);
  }
  auto now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    auto inv = find_by_code(sql, ctx, in.code);
    if (!inv) throw Error(ErrorCode::bad_request, "The invitation has expired or is not valid.");
    auto org = store::find_organization(sql, inv->organization_id);
    std::int64_t user_id = 0;
    if (new_account) {
      domain::check_invitation_acceptance(status_of(inv->status), false,
                                          store::count_active_trainers(sql, org->id), org->max_trainers);
      if (store::username_taken(sql, username))
        throw Error::field("username", "A user with that username already exists.");
      if (store::email_taken(sql, inv->email))
        throw Error::field("non_field_errors", "An account with this e-mail exists: log in to accept.");
      user_id = store::insert_user(sql, store::new_user(username, inv->email, domain::trim(*in.name), hash, now));
    } else {
      user_id = ctx.actor->user_id;
      if (lower(store::find_user(sql, user_id)->email) != lower(inv->email))
        throw Error(ErrorCode::bad_request, "This invitation was sent to another e-mail address.");
      domain::check_invitation_acceptance(status_of(inv->status), store::find_trainer_by_user(sql, user_id).has_value(),
                                          store::count_active_trainers(sql, org->id), org->max_trainers);
    }
    auto trainer_id = store::insert_trainer(sql, user_id, org->id, inv->role, now);
    store::mark_invitation_accepted(sql, inv->id, user_id, now);
    // From here on the person who accepted is the actor: the audit row is theirs and they are not notified.
    Context as_joiner{ctx.db, ctx.config, ctx.clock, load_actor(sql, user_id), ctx.origin, ctx.lang};
    audit(sql, as_joiner, "invitation_accepted", "invitation", inv->id, repr(*inv), org->id,
          {nlohmann::json{{"status", "pending"}}.dump(), nlohmann::json{{"status", "accepted"}}.dump()});
    auto trainer = store::find_trainer(sql, trainer_id);
    notify(sql, as_joiner, "trainer_joined", {{"trainer", trainer->name}, {"role", trainer->role}},
           {org->id, "trainer", trainer_id, "/trainers/" + std::to_string(trainer_id) + "/"});
    auto tokens = issue_tokens(sql, ctx, user_id, "");
    return SignedIn{*load_profile(sql, ctx, user_id), tokens};
  });
}

store::Invitation decline_invitation(Context& ctx, const std::string& code) {
  return ctx.db.write([&](soci::session& sql) {
    auto inv = find_by_code(sql, ctx, code);
    if (!inv) throw Error::not_found();
    if (inv->status != "pending") throw Error(ErrorCode::bad_request, "The invitation has expired or is not valid.");
    store::set_invitation_status(sql, inv->id, "declined");
    audit(sql, ctx, "invitation_declined", "invitation", inv->id, repr(*inv), inv->organization_id,
          {nlohmann::json{{"status", "pending"}}.dump(), nlohmann::json{{"status", "declined"}}.dump()});
    return *store::find_invitation(sql, inv->id);
  });
}

}  // namespace the5hc::service
