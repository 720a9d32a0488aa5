#pragma once
// Organisation use cases (DOMAIN.md §1.1, §6; API.md §3.9).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "service/context.hpp"
#include "store/organizations.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

struct OrganizationView {
  store::Organization organization;
  int trainer_count = 0;  // active trainers
  bool can_add_trainer = false;
};

struct OrganizationPage {
  std::int64_t count = 0;
  std::vector<OrganizationView> results;
};

// Fields a write may change; absent = unchanged (PATCH) — the handler enforces PUT's required ones.
struct OrganizationChanges {
  std::optional<std::string> name, slug, timezone, business_hours;
  std::optional<std::optional<std::string>> description, address, phone, email;  // inner nullopt = clear
  std::optional<int> max_trainers, vat_rate_bp, card_fee_rate_bp;
  FieldErrors input_errors;  // errors found reading the body: reported before the rules, after the lookup
};

// The name's slug, made unique with -2, -3, … (DOMAIN.md §1.1); shared with `create-user --create-organization`.
std::string unique_organization_slug(soci::session& sql, const std::string& name);

// Own organisation; the platform superuser every one; a user without a membership none.
OrganizationPage list_organizations(Context& ctx, int limit, int offset);
OrganizationView get_organization(Context& ctx, std::int64_t id);
// The caller's own organisation for its settings page: owners (and a superuser with a membership) only → else 403.
OrganizationView organization_settings(Context& ctx);
// A superuser creates without joining; a user without any membership becomes its owner; a member → 400.
OrganizationView create_organization(Context& ctx, const OrganizationChanges& in);
// Owners and superusers; max_trainers by the superuser only. Audit `organization_updated` with changed fields.
OrganizationView update_organization(Context& ctx, std::int64_t id, const OrganizationChanges& in);

}  // namespace the5hc::service
