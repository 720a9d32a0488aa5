#pragma once
// Roles and the permission matrix of DOMAIN.md §6. One question — may this actor do this action on this object? —
// answered as allowed, forbidden (visible: 403) or not_visible (another organisation or not their client: 404).
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/label.hpp"

namespace the5hc::domain {

enum class Role { owner, senior, trainer, assistant };

std::optional<Role> parse_role(std::string_view code);
const Label& role_label(Role r);  // owner 소유자 / senior 시니어 트레이너 / trainer 트레이너 / assistant 어시스턴트

enum class Action {
  view_organization,     // organisation, trainer list, colleague profiles
  edit_organization,     // name, contact, time zone, VAT / card rates
  edit_max_trainers,     // platform superuser only
  create_organization,   // superuser, or a user without a membership
  invite_trainer,        // target.role = the role offered
  cancel_invitation,     // target.role = the invitation's role
  change_role,           // target.role = current role, target.new_role
  edit_trainer,          // another trainer's profile
  deactivate_trainer,    // also reactivate
  edit_own_profile,
  view_client,           // list, view, export as well
  create_client,         // target.trainer_id = the trainer the client will belong to
  edit_client,
  delete_client,
  reassign_client,
  view_assessment,       // view, compare, PDF report, MCQ answers
  edit_assessment,       // create and edit, MCQ answers
  delete_assessment,     // also deleting reports
  manage_packages,       // packages, top-up, sessions, calendar, payments
  delete_payment,        // owner, `kind = other` payments only (target.payment_kind_other)
  view_revenue,          // dashboard revenue figures
  view_org_dashboard,    // trainer leaderboard
  view_audit_log,
  receive_notifications,
  edit_reference_data,   // MCQ bank and test standards
};

struct Actor {
  bool is_superuser = false;
  // the active membership; a user without one (or with a deactivated one) sees nothing but their profile
  std::optional<std::int64_t> organization_id;
  std::optional<Role> role;
  std::optional<std::int64_t> trainer_id;
};

// The optional members carry `{}` so that designated initialisers naming only some of them ({.organization_id = o})
// do not trip GCC 12's -Wmissing-field-initializers (warnings are errors in CI).
struct Target {
  std::optional<std::int64_t> organization_id{};
  // client-scoped actions: the client's trainer; trainer actions: the trainer acted on
  std::optional<std::int64_t> trainer_id{};
  std::optional<Role> role{};
  std::optional<Role> new_role{};
  bool is_last_active_owner = false;  // the target trainer is the organisation's only active owner
  bool payment_kind_other = false;
};

enum class Access { allowed, forbidden, not_visible };

// Whether the actor sees every client of their organisation and the clients' records (owner, senior; the platform
// superuser every organisation's) rather than only their own clients (trainer, assistant) (DOMAIN.md §6.1).
bool sees_organization_clients(const Actor& actor);

// Visibility alone: superuser all; other organisation or no membership → not_visible; trainers and assistants see
// only their own clients' records when `client_scoped`.
Access visibility(const Actor& actor, const Target& target, bool client_scoped);

// Whether the action's object is a client or one of its records (visibility by owning trainer).
bool is_client_scoped(Action action);

// True when the action would leave the organisation without an active owner ("조직에는 최소 한 명의 소유자가
// 필요합니다."); authorize() then answers forbidden for everyone.
bool removes_last_owner(Action action, const Target& target);

Access authorize(const Actor& actor, Action action, const Target& target);

}  // namespace the5hc::domain
