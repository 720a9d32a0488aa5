// Roles, visibility and the permission matrix (DOMAIN.md §6).
#include <gtest/gtest.h>

#include "domain/permissions.hpp"

namespace the5hc::domain {
namespace {

constexpr std::int64_t org = 1, other_org = 2;
constexpr std::int64_t me = 10, colleague = 11;

Target target(std::optional<std::int64_t> organization = std::nullopt,
              std::optional<std::int64_t> trainer = std::nullopt, std::optional<Role> role = std::nullopt,
              std::optional<Role> new_role = std::nullopt, bool last_owner = false, bool payment_kind_other = false) {
  return Target{organization, trainer, role, new_role, last_owner, payment_kind_other};
}

Actor member(Role role, std::int64_t trainer = me) { return Actor{false, org, role, trainer}; }
Actor superuser() { return Actor{true, std::nullopt, std::nullopt, std::nullopt}; }
Target own_client() { return target(org, me); }
Target colleagues_client() { return target(org, colleague); }
Target org_object() { return target(org, std::nullopt); }

const char* name(Access a) {
  return a == Access::allowed ? "allowed" : a == Access::forbidden ? "forbidden" : "not_visible";
}

#define EXPECT_ACCESS(actor, action, target, expected) \
  EXPECT_STREQ(name(authorize(actor, action, target)), name(expected))

TEST(Permissions, OtherOrganisationIsNeverVisible) {
  for (auto role : {Role::owner, Role::senior, Role::trainer, Role::assistant}) {
    EXPECT_ACCESS(member(role), Action::view_client, target(other_org, me), Access::not_visible);
    EXPECT_ACCESS(member(role), Action::view_organization, target(other_org), Access::not_visible);
    EXPECT_ACCESS(member(role), Action::view_audit_log, target(other_org), Access::not_visible);
  }
}

TEST(Permissions, OwnersSeniorsAndTheSuperuserSeeTheOrganisationsClientsOthersTheirOwn) {
  EXPECT_TRUE(sees_organization_clients(member(Role::owner)));
  EXPECT_TRUE(sees_organization_clients(member(Role::senior)));
  EXPECT_TRUE(sees_organization_clients(superuser()));
  EXPECT_FALSE(sees_organization_clients(member(Role::trainer)));
  EXPECT_FALSE(sees_organization_clients(member(Role::assistant)));
  EXPECT_FALSE(sees_organization_clients(Actor{}));
  // the same rule as the visibility of a colleague's client
  for (auto role : {Role::owner, Role::senior, Role::trainer, Role::assistant})
    EXPECT_EQ(sees_organization_clients(member(role)),
              visibility(member(role), colleagues_client(), true) == Access::allowed);
}

TEST(Permissions, WithoutMembershipNothingIsVisible) {
  Actor nobody;
  EXPECT_ACCESS(nobody, Action::view_client, own_client(), Access::not_visible);
  EXPECT_ACCESS(nobody, Action::view_organization, org_object(), Access::not_visible);
  EXPECT_ACCESS(nobody, Action::create_organization, target(), Access::allowed);
  EXPECT_ACCESS(member(Role::trainer), Action::create_organization, target(), Access::forbidden);
  EXPECT_ACCESS(superuser(), Action::create_organization, target(), Access::allowed);
}

TEST(Permissions, ClientRecordsByRole) {
  for (auto role : {Role::owner, Role::senior}) {
    for (auto t : {own_client(), colleagues_client()}) {
      for (auto a :
           {Action::view_client, Action::edit_client, Action::delete_client, Action::reassign_client,
            Action::view_assessment, Action::edit_assessment, Action::delete_assessment, Action::manage_packages})
        EXPECT_ACCESS(member(role), a, t, Access::allowed);
    }
  }
  // trainer: own clients only, the rest is invisible (404, not 403)
  for (auto a : {Action::view_client, Action::edit_client, Action::delete_client, Action::view_assessment,
                 Action::edit_assessment, Action::delete_assessment, Action::manage_packages}) {
    EXPECT_ACCESS(member(Role::trainer), a, own_client(), Access::allowed);
    EXPECT_ACCESS(member(Role::trainer), a, colleagues_client(), Access::not_visible);
    EXPECT_ACCESS(member(Role::assistant), a, colleagues_client(), Access::not_visible);
  }
  EXPECT_ACCESS(member(Role::trainer), Action::reassign_client, own_client(), Access::forbidden);
  // assistant: may run assessments, not delete, no packages/payments
  EXPECT_ACCESS(member(Role::assistant), Action::view_client, own_client(), Access::allowed);
  EXPECT_ACCESS(member(Role::assistant), Action::edit_client, own_client(), Access::allowed);
  EXPECT_ACCESS(member(Role::assistant), Action::edit_assessment, own_client(), Access::allowed);
  EXPECT_ACCESS(member(Role::assistant), Action::delete_client, own_client(), Access::forbidden);
  EXPECT_ACCESS(member(Role::assistant), Action::delete_assessment, own_client(), Access::forbidden);
  EXPECT_ACCESS(member(Role::assistant), Action::manage_packages, own_client(), Access::forbidden);
  EXPECT_ACCESS(member(Role::assistant), Action::view_revenue, org_object(), Access::forbidden);
  EXPECT_ACCESS(member(Role::trainer), Action::view_revenue, org_object(), Access::allowed);
}

TEST(Permissions, CreatingClients) {
  EXPECT_ACCESS(member(Role::trainer), Action::create_client, own_client(), Access::allowed);
  EXPECT_ACCESS(member(Role::assistant), Action::create_client, own_client(), Access::allowed);
  EXPECT_ACCESS(member(Role::trainer), Action::create_client, colleagues_client(), Access::forbidden);
  EXPECT_ACCESS(member(Role::owner), Action::create_client, colleagues_client(), Access::allowed);
  EXPECT_ACCESS(member(Role::senior), Action::create_client, colleagues_client(), Access::allowed);
  EXPECT_ACCESS(member(Role::owner), Action::create_client, target(other_org, colleague), Access::not_visible);
}

TEST(Permissions, OrganisationLevel) {
  struct Row {
    Action action;
    Access owner, senior, trainer, assistant;
  };
  const auto A = Access::allowed, F = Access::forbidden;
  const Row rows[] = {
      {Action::view_organization, A, A, A, A},     {Action::edit_organization, A, F, F, F},
      {Action::view_org_dashboard, A, A, F, F},    {Action::view_audit_log, A, F, F, F},
      {Action::receive_notifications, A, A, F, F}, {Action::edit_reference_data, F, F, F, F},
      {Action::edit_max_trainers, F, F, F, F},
  };
  for (const auto& r : rows) {
    EXPECT_ACCESS(member(Role::owner), r.action, org_object(), r.owner);
    EXPECT_ACCESS(member(Role::senior), r.action, org_object(), r.senior);
    EXPECT_ACCESS(member(Role::trainer), r.action, org_object(), r.trainer);
    EXPECT_ACCESS(member(Role::assistant), r.action, org_object(), r.assistant);
  }
}

TEST(Permissions, Superuser) {
  for (auto a : {Action::view_client, Action::delete_client, Action::manage_packages, Action::view_audit_log,
                 Action::edit_organization, Action::edit_max_trainers, Action::edit_reference_data, Action::change_role,
                 Action::invite_trainer})
    EXPECT_ACCESS(superuser(), a, target(other_org, colleague, Role::trainer), Access::allowed);
  // "—" in the matrix: a superuser without a membership has no profile and receives no notifications
  EXPECT_ACCESS(superuser(), Action::edit_own_profile, target(org, me), Access::forbidden);
  EXPECT_ACCESS(superuser(), Action::receive_notifications, org_object(), Access::forbidden);
}

TEST(Permissions, Invitations) {
  for (auto role : {Role::owner, Role::senior, Role::trainer, Role::assistant})
    EXPECT_ACCESS(member(Role::owner), Action::invite_trainer, target(org, std::nullopt, role), Access::allowed);
  EXPECT_ACCESS(member(Role::senior), Action::invite_trainer, target(org, std::nullopt, Role::trainer),
                Access::allowed);
  EXPECT_ACCESS(member(Role::senior), Action::invite_trainer, target(org, std::nullopt, Role::assistant),
                Access::allowed);
  EXPECT_ACCESS(member(Role::senior), Action::invite_trainer, target(org, std::nullopt, Role::senior),
                Access::forbidden);
  EXPECT_ACCESS(member(Role::senior), Action::invite_trainer, target(org, std::nullopt, Role::owner),
                Access::forbidden);
  EXPECT_ACCESS(member(Role::trainer), Action::invite_trainer, target(org, std::nullopt, Role::assistant),
                Access::forbidden);
  EXPECT_ACCESS(member(Role::senior), Action::cancel_invitation, target(org, std::nullopt, Role::trainer),
                Access::allowed);
  EXPECT_ACCESS(member(Role::assistant), Action::cancel_invitation, target(org, std::nullopt, Role::trainer),
                Access::forbidden);
}

TEST(Permissions, TrainerManagement) {
  Target junior = target(org, colleague, Role::trainer);
  Target peer_senior = target(org, colleague, Role::senior);
  Target other_owner = target(org, colleague, Role::owner);
  EXPECT_ACCESS(member(Role::owner), Action::edit_trainer, peer_senior, Access::allowed);
  EXPECT_ACCESS(member(Role::owner), Action::deactivate_trainer, other_owner, Access::allowed);
  EXPECT_ACCESS(member(Role::owner), Action::deactivate_trainer, target(org, me, Role::owner),
                Access::forbidden);  // not self
  EXPECT_ACCESS(member(Role::senior), Action::edit_trainer, junior, Access::allowed);
  EXPECT_ACCESS(member(Role::senior), Action::deactivate_trainer, target(org, colleague, Role::assistant),
                Access::allowed);
  EXPECT_ACCESS(member(Role::senior), Action::edit_trainer, peer_senior, Access::forbidden);
  EXPECT_ACCESS(member(Role::senior), Action::deactivate_trainer, other_owner, Access::forbidden);
  EXPECT_ACCESS(member(Role::trainer), Action::edit_trainer, target(org, colleague, Role::assistant),
                Access::forbidden);
  // own profile: everyone with a membership, only their own
  for (auto role : {Role::owner, Role::senior, Role::trainer, Role::assistant}) {
    EXPECT_ACCESS(member(role), Action::edit_own_profile, target(org, me), Access::allowed);
    EXPECT_ACCESS(member(role), Action::edit_own_profile, target(org, colleague), Access::forbidden);
  }
}

TEST(Permissions, RolesAndTheLastOwner) {
  Target t = target(org, colleague, Role::trainer, Role::senior);
  EXPECT_ACCESS(member(Role::owner), Action::change_role, t, Access::allowed);
  EXPECT_ACCESS(member(Role::senior), Action::change_role, t, Access::forbidden);
  Target last_owner = target(org, me, Role::owner, Role::senior, true);
  EXPECT_TRUE(removes_last_owner(Action::change_role, last_owner));
  EXPECT_ACCESS(member(Role::owner), Action::change_role, last_owner, Access::forbidden);
  EXPECT_ACCESS(superuser(), Action::change_role, last_owner, Access::forbidden);  // the invariant binds everyone
  last_owner.new_role = Role::owner;
  EXPECT_FALSE(removes_last_owner(Action::change_role, last_owner));
  Target last_owner_colleague = target(org, colleague, Role::owner, std::nullopt, true);
  EXPECT_ACCESS(superuser(), Action::deactivate_trainer, last_owner_colleague, Access::forbidden);
  EXPECT_ACCESS(superuser(), Action::edit_trainer, last_owner_colleague, Access::allowed);
  // an owner may step down while another owner remains
  EXPECT_ACCESS(member(Role::owner), Action::change_role, target(org, me, Role::owner, Role::trainer, false),
                Access::allowed);
}

TEST(Permissions, DeletingPayments) {
  Target other_payment = target(org, me, std::nullopt, std::nullopt, false, true);
  Target package_payment = target(org, me);
  EXPECT_ACCESS(member(Role::owner), Action::delete_payment, other_payment, Access::allowed);
  EXPECT_ACCESS(member(Role::owner), Action::delete_payment, package_payment, Access::forbidden);
  EXPECT_ACCESS(member(Role::senior), Action::delete_payment, other_payment, Access::forbidden);
  EXPECT_ACCESS(member(Role::trainer), Action::delete_payment, other_payment, Access::forbidden);
}

TEST(Permissions, VisibilityAlone) {
  EXPECT_EQ(visibility(member(Role::trainer), colleagues_client(), true), Access::not_visible);
  EXPECT_EQ(visibility(member(Role::trainer), colleagues_client(), false), Access::allowed);
  EXPECT_EQ(visibility(member(Role::trainer, 0), target(org, std::nullopt), true), Access::not_visible);
  EXPECT_TRUE(is_client_scoped(Action::view_assessment));
  EXPECT_FALSE(is_client_scoped(Action::view_audit_log));
}

TEST(Roles, Codes) {
  for (auto r : {Role::owner, Role::senior, Role::trainer, Role::assistant})
    EXPECT_EQ(parse_role(role_label(r).code), r);
  EXPECT_FALSE(parse_role("admin"));
  EXPECT_STREQ(role_label(Role::senior).ko, "시니어 트레이너");
}

}  // namespace
}  // namespace the5hc::domain
