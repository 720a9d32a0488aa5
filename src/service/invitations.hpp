#pragma once
// Invitations (DOMAIN.md §1.4, §6.4; API.md §3.11): owners and seniors invite, the invitee accepts or declines by
// code. E-mail is not sent here: the inviter gets the code and shares the accept link.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
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

// In the caller's organisation; audit `invitation_sent`.
store::Invitation create_invitation(Context& ctx, const NewInvitation& in);
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
