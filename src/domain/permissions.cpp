#include "domain/permissions.hpp"

namespace the5hc::domain {

namespace {
constexpr std::array<Label, 4> role_labels{{{"owner", "소유자", "Owner"},
                                            {"senior", "시니어 트레이너", "Senior trainer"},
                                            {"trainer", "트레이너", "Trainer"},
                                            {"assistant", "어시스턴트", "Assistant"}}};
}  // namespace

std::optional<Role> parse_role(std::string_view code) { return parse_code<Role>(role_labels, code); }

const Label& role_label(Role r) { return label_of(role_labels, r); }

bool is_client_scoped(Action action) {
  switch (action) {
    case Action::view_client:
    case Action::edit_client:
    case Action::delete_client:
    case Action::reassign_client:
    case Action::view_assessment:
    case Action::edit_assessment:
    case Action::delete_assessment:
    case Action::manage_packages:
    case Action::delete_payment: return true;
    default: return false;
  }
}

bool sees_organization_clients(const Actor& actor) {
  return actor.is_superuser || actor.role == Role::owner || actor.role == Role::senior;
}

Access visibility(const Actor& actor, const Target& target, bool client_scoped) {
  if (actor.is_superuser) return Access::allowed;
  if (!actor.organization_id || !actor.role || target.organization_id != actor.organization_id)
    return Access::not_visible;
  if (client_scoped && !sees_organization_clients(actor) && (!actor.trainer_id || target.trainer_id != actor.trainer_id))
    return Access::not_visible;
  return Access::allowed;
}

bool removes_last_owner(Action action, const Target& target) {
  if (!target.is_last_active_owner) return false;
  if (action == Action::deactivate_trainer) return true;
  return action == Action::change_role && target.new_role != Role::owner;
}

namespace {

bool is_junior(std::optional<Role> r) { return r == Role::trainer || r == Role::assistant; }

// The matrix for a member of the target's organisation (visibility already checked).
bool member_may(const Actor& a, Action action, const Target& t) {
  const Role role = *a.role;
  const bool owner = role == Role::owner, senior = role == Role::senior, assistant = role == Role::assistant;
  const bool self = a.trainer_id && t.trainer_id == a.trainer_id;
  switch (action) {
    case Action::view_organization:
    case Action::view_client:
    case Action::view_assessment:
    case Action::edit_assessment:
    case Action::edit_client: return true;
    case Action::edit_organization:
    case Action::change_role:
    case Action::view_audit_log: return owner;
    case Action::invite_trainer:
    case Action::cancel_invitation: return owner || (senior && is_junior(t.role));
    case Action::edit_trainer:
    case Action::deactivate_trainer: return !self && (owner || (senior && is_junior(t.role)));
    case Action::edit_own_profile: return self;
    case Action::create_client: return owner || senior || self;  // trainers and assistants create their own
    case Action::delete_client:
    case Action::delete_assessment:
    case Action::manage_packages:
    case Action::view_revenue: return !assistant;
    case Action::reassign_client:
    case Action::view_org_dashboard:
    case Action::receive_notifications: return owner || senior;
    case Action::delete_payment: return owner && t.payment_kind_other;
    case Action::edit_max_trainers:
    case Action::create_organization:
    case Action::edit_reference_data: return false;
  }
  return false;
}

}  // namespace

Access authorize(const Actor& actor, Action action, const Target& target) {
  if (action == Action::create_organization)
    return actor.is_superuser || !actor.organization_id ? Access::allowed : Access::forbidden;
  if (action == Action::edit_reference_data || action == Action::edit_max_trainers)
    return actor.is_superuser ? Access::allowed : Access::forbidden;
  // a create names the future owner, which is not something to hide
  bool client_scoped = is_client_scoped(action) && action != Action::create_client;
  Access seen = visibility(actor, target, client_scoped);
  if (seen != Access::allowed) return seen;
  if (removes_last_owner(action, target)) return Access::forbidden;
  if (actor.is_superuser) {
    bool member_here = actor.organization_id && actor.role && target.organization_id == actor.organization_id;
    if (action == Action::edit_own_profile || action == Action::receive_notifications)
      return member_here && member_may(actor, action, target) ? Access::allowed : Access::forbidden;
    if (action == Action::delete_payment)
      return target.payment_kind_other ? Access::allowed : Access::forbidden;
    return Access::allowed;
  }
  return member_may(actor, action, target) ? Access::allowed : Access::forbidden;
}

}  // namespace the5hc::domain
