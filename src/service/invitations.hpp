#pragma once
// Invitations (DOMAIN.md §1.4, §6.4; API.md §3.11): owners and seniors invite, the invitee accepts or declines by
// code. The invitation e-mail goes out after the invitation is committed; whatever happens to it, the inviter also
// gets the accept link to share.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "service/mail.hpp"
#include "service/tokens.hpp"
#include "store/invitations.hpp"

namespace the5hc::service {

struct InvitationPage {
  std::int64_t count = 0;
  std::vector<store::Invitation> results;
};

struct NewInvitation {
  std::string email, role = "trainer";
  std::optional<std::string> name, message;
};

// The link an invitee opens: `site_url` (SITE_URL, or the scheme and host the inviter used) + the accept path.
std::string invitation_accept_url(const std::string& site_url, const std::string& code);

struct InvitationSent {
  store::Invitation invitation;
  std::string accept_url;
  Delivery delivery = Delivery::not_configured;
};
// In the caller's organisation; audit `invitation_sent`. After the commit the Korean invitation e-mail with the
// accept link is sent through `mailer` (retried; a failure is logged and reported in `delivery`, the invitation
// stays); without a mailer the link is logged for the developer.
InvitationSent create_invitation(Context& ctx, const NewInvitation& in, Mailer* mailer, const std::string& site_url);
// The invite page (WEB.md §4.7): pending invitations, whether the organisation has room, the roles the caller may
// invite (seniors: trainer and assistant). Owners and seniors.
struct InvitationBoard {
  std::vector<store::Invitation> pending;  // newest first
  int trainer_count = 0, max_trainers = 0;
  bool can_add_trainer = false;
  std::vector<std::string> roles;  // codes
};
InvitationBoard invitation_board(Context& ctx);
InvitationPage list_invitations(Context& ctx, const std::optional<std::string>& status, int limit, int offset);
store::Invitation cancel_invitation(Context& ctx, std::int64_t id);  // pending only
// Public: unknown code → 404. The status read is the effective one (lazy expiry).
store::Invitation lookup_invitation(Context& ctx, const std::string& code);

struct Acceptance {
  std::string code;
  // A new account (e-mail fixed to the invitation's) when username is given; otherwise the authenticated caller,
  // whose e-mail must be the invitation's.
  std::optional<std::string> username, name, password, confirm_password;
};
// Creates the membership with the invited role; audit `invitation_accepted`, notification `trainer_joined`.
// Returns the id of the user who joined.
SignedIn accept_invitation(Context& ctx, const Acceptance& in);
store::Invitation decline_invitation(Context& ctx, const std::string& code);

}  // namespace the5hc::service
